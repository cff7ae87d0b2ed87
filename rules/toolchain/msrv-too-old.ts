import { code, defineRule, describePath, editFix, msrvViolations, primary, replace, requiredMsrvViolations, rust, secondary } from '../../src/api.ts';
import type { Finding, Located, Manifest, MsrvViolation, Workspace } from '../../src/api.ts';

/** Rust 1.`minor` from a numeric stable version (`1.82`, `1.82.0`, with or without a host suffix). */
function numericMinor(label: string): number | undefined {
  const pin = rust.parseToolchainName(label);
  return pin.kind === 'versioned' && pin.channel === 'stable' && /^1\.\d+/.test(label.trim()) ? pin.minor : undefined;
}

type Kind = 'toolchain' | 'rust-version';

/** The same spelling as the original (`1.92` or `1.92.0`), quoted when the original was a TOML string. */
function raised(at: Located<string>, minor: number): string {
  const version = /^1\.\d+\.\d+/.test(at.value.trim()) ? `1.${minor}.0` : `1.${minor}`;
  return at.span.end - at.span.start > at.value.length ? `"${version}"` : version;
}

const entry = (v: MsrvViolation): string => `\`${v.pkg.name} ${v.pkg.version.value}\``;

function finding(kind: Kind, at: Located<string>, minor: number, violations: readonly [MsrvViolation, ...MsrvViolation[]]): Finding {
  const [worst, ...rest] = violations;
  const need = `1.${worst.msrv.minor}`;
  const what = kind === 'toolchain' ? `toolchain ${code(at.value)}` : `\`rust-version\` ${code(at.value)}`;
  return {
    severity: kind === 'toolchain' ? 'error' : 'warning',
    message: `${what} is older than Rust ${need}, the MSRV of the locked ${code(worst.pkg.name)} ${code(worst.pkg.version.value)}`,
    labels: [primary(at.span, kind === 'toolchain' ? 'pinned here' : 'declared here'), secondary(worst.pkg.version.span, `needs Rust ${need}`)],
    notes: [
      worst.required
        ? `\`rust-version\` says the package builds with Rust 1.${minor}, but even \`${worst.pkg.name} ${worst.required.least}\`, the oldest release its requirement ${code(worst.required.req.value)} admits, needs Rust 1.${worst.required.msrv.minor}`
        : `Cargo refuses to compile a package whose \`rust-version\` is newer than the compiler, so building with Rust 1.${minor} fails`,
      `${entry(worst)} comes in through ${describePath(worst.path)}`,
      ...(rest.length > 0 ? [`also newer than Rust 1.${minor}: ${rest.map((v) => `${entry(v)} (1.${v.msrv.minor})`).join(', ')}`] : []),
    ],
    help: [
      kind === 'toolchain'
        ? `pin Rust ${need} or newer, or hold those crates back to releases that support Rust 1.${minor} (\`cargo update -p <crate> --precise <version>\`)`
        : `raise \`rust-version\` to ${code(need)}, or require release lines of those crates that support Rust 1.${minor}`,
    ],
    fix: editFix(kind === 'toolchain' ? `pin Rust ${need}` : `raise rust-version to ${need}`, 'unsafe', [replace(at.span, raised(at, worst.msrv.minor))]),
  };
}

/** Members grouped by the `rust-version` they declare (an inherited one is the workspace's, with one span). */
function byRustVersion(ws: Workspace): { at: Located<string>; members: Manifest[] }[] {
  const groups = new Map<string, { at: Located<string>; members: Manifest[] }>();
  for (const m of ws.members) {
    const at = m.rustVersion;
    if (!at) continue;
    const key = `${at.span.file}:${at.span.start}`;
    const group = groups.get(key) ?? { at, members: [] };
    group.members.push(m);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export default defineRule({
  id: 'toolchain/msrv-too-old',
  summary: 'a pinned toolchain or `rust-version` is older than the MSRV of a locked crate',
  defaultSeverity: 'error',
  fix: 'always',
  needs: [],
  check({ workspace, report }) {
    if (!workspace.lockfile) return;
    const check = (kind: Kind, at: Located<string>, violations: (minor: number) => MsrvViolation[]) => {
      const minor = numericMinor(at.value);
      if (minor === undefined) return;
      const [worst, ...rest] = violations(minor);
      if (worst) report(finding(kind, at, minor, [worst, ...rest]));
    };
    const channel = workspace.toolchainFile?.channel;
    if (channel) check('toolchain', channel, (minor) => msrvViolations(workspace, minor));
    for (const { at, members } of byRustVersion(workspace)) check('rust-version', at, (minor) => requiredMsrvViolations(workspace, minor, members));
  },
});
