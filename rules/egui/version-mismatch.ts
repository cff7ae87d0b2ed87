import { code, compareVersions, compatKey, defineRule, egui, primary, reqCompatKey, secondary } from '../../src/api.ts';
import type { Dependency, Finding, Label, LockedPackage, Manifest, Span, Workspace } from '../../src/api.ts';

interface Use {
  readonly crate: string;
  readonly minor: string;
  readonly label: Label;
  readonly where: string;
}

const asVersion = (key: string): string => [...key.split('.'), '0', '0'].slice(0, 3).join('.');
const byMinorDesc = (a: string, b: string): number => compareVersions(asVersion(b), asVersion(a));

/** Requirements of one manifest on egui-family crates (build-dependencies are compiled apart). */
function requirementUses(m: Manifest): Use[] {
  const out: Use[] = [];
  for (const dep of m.dependencies) {
    if (dep.kind === 'build' || !egui.isFamily(dep.name) || !dep.req) continue;
    const minor = reqCompatKey(dep.req.value);
    if (minor) out.push({ crate: dep.name, minor, label: primary(dep.req.span, `requires ${dep.name} ${minor}`), where: describe(dep) });
  }
  return out;
}

const describe = (dep: Dependency): string => (dep.inherited ? `${dep.key} (inherited from the workspace)` : dep.key);

/** Family crates the lockfile resolves for one member's package entry. */
function lockedUses(ws: Workspace, m: Manifest): Use[] {
  const name = m.packageName?.value;
  const lock = ws.lockfile;
  if (!name || !lock) return [];
  const entry = lock.packages.find((p) => p.name === name && !p.source);
  if (!entry) return [];
  const out: Use[] = [];
  for (const ref of entry.dependencies) {
    const [dep, version] = ref.split(' ');
    if (!dep || !egui.isFamily(dep)) continue;
    const pkg = resolveRef(lock.packages, dep, version);
    if (pkg) out.push({ crate: dep, minor: compatKey(pkg.version.value), label: primary(pkg.version.span, `${dep} locked at ${pkg.version.value}`), where: `${dep} in Cargo.lock` });
  }
  return out;
}

function resolveRef(packages: readonly LockedPackage[], name: string, version: string | undefined): LockedPackage | undefined {
  const candidates = packages.filter((p) => p.name === name);
  return version ? candidates.find((p) => p.version.value === version) : candidates.length === 1 ? candidates[0] : undefined;
}

export default defineRule({
  id: 'egui/version-mismatch',
  summary: 'egui-family crates are required or locked at different minor versions',
  defaultSeverity: 'error',
  fix: 'none',
  needs: [],
  check({ workspace, report }) {
    // Sibling members inheriting (or locking) the same mismatch share its places: one finding names them all.
    const found = new Map<string, Mismatch>();
    for (const m of workspace.members) {
      const fromReqs = requirementUses(m);
      const uses = distinctMinors(fromReqs).length > 1 ? fromReqs : lockedUses(workspace, m);
      const minors = distinctMinors(uses);
      if (minors.length < 2) continue;
      const target = minors[0] as string;
      const anchor = uses.find((u) => u.minor === target);
      for (const u of uses) {
        if (u.minor === target) continue;
        const key = [u.crate, u.minor, target, spanKey(u.label.span), anchor ? spanKey(anchor.label.span) : ''].join('\0');
        const seen = found.get(key);
        if (seen) seen.members.push(m);
        else found.set(key, { use: u, anchor, target, minors, uses, members: [m] });
      }
    }
    for (const x of found.values()) report(mismatchFinding(x));
  },
});

interface Mismatch {
  readonly use: Use;
  readonly anchor?: Use;
  readonly target: string;
  readonly minors: readonly string[];
  /** the uses of the first member */
  readonly uses: readonly Use[];
  readonly members: Manifest[];
}

const spanKey = (span: Span): string => `${span.file}:${span.start}:${span.end}`;
const nameOf = (m: Manifest): string => m.packageName?.value ?? m.file.path;

function mismatchFinding({ use: u, anchor, target, minors, uses, members }: Mismatch): Finding {
  const [first] = members as [Manifest, ...Manifest[]];
  const siblings = members.length > 1 ? members.map((m) => secondary(m.packageName?.span ?? { file: m.file.id, start: 0, end: 0 }, `${nameOf(m)} has this mismatch`)) : [];
  return {
    cause: 'framework:egui',
    message: `${code(u.crate)} ${code(u.minor)} does not match the other egui crates of ${members.map((m) => code(nameOf(m))).join(', ')} at ${code(target)}`,
    labels: [u.label, ...(anchor ? [secondary(anchor.label.span, `${anchor.crate} is ${target}`)] : []), ...siblings],
    notes: [
      `${minors.map((v) => code(v)).join(' and ')} are semver-incompatible: Cargo builds both, and egui types from one do not match the other (error[E0308]: two different versions of crate \`egui\` are being used)`,
      `${members.length > 1 ? code(nameOf(first)) : 'this manifest'} uses ${uses.map((x) => `${x.where} ${x.minor}`).join(', ')}`,
    ],
    help: [`align every egui-family crate on ${code(target)} (check with \`cargo tree -i egui\`); egui_plot and third-party add-ons follow their own versions`],
  };
}

function distinctMinors(uses: readonly Use[]): string[] {
  return [...new Set(uses.map((u) => u.minor))].sort(byMinorDesc);
}
