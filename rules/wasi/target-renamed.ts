import { activeToolchain, ciTargetUses, ciToolchain, code, defineRule, editFix, primary, replace, rust, targetMentions } from '../../src/api.ts';
import type { Finding, Severity, Span, TargetUse } from '../../src/api.ts';

const WHERE = {
  'toolchain-targets': 'named in rust-toolchain `targets`',
  'cargo-build-target': 'named in Cargo config `[build] target`',
  'cargo-target-table': 'named in Cargo config `[target.<triple>]` table',
} as const;

const USE: Record<TargetUse['kind'], string> = {
  'rustup-target-add': 'installed with `rustup target add`',
  'toolchain-target': 'installed with `rustup toolchain install`',
  'target-flag': 'passed to `--target`',
  'action-input': 'installed by the toolchain action',
  'output-path': 'in an output path',
  'nix-toolchain-target': 'installed with the Nix toolchain',
};

/**
 * Error once any toolchain that builds here has removed the name (1.84+, floating, unknown),
 * warning when all of them still accept it with a warning (1.78–1.83), nothing before 1.78.
 */
function severityOf(pins: readonly rust.ToolchainPin[]): { severity: Severity; removed: boolean } | undefined {
  const live = pins.filter((p) => rust.atLeast(p, rust.WASI_WARN_SINCE) !== false);
  if (live.length === 0) return undefined;
  const removed = live.some((p) => rust.atLeast(p, rust.WASI_REMOVED_IN) !== false);
  return { severity: removed ? 'error' : 'warning', removed };
}

/** `builtWith`: "this project builds with Rust 1.80 (`1.80.0`)". */
function renamed(target: string, next: string, span: Span, label: string, removed: boolean, builtWith: string, severity: Severity, applicability: 'safe' | 'unsafe' = 'safe'): Finding {
  return {
    severity,
    message: `target ${code(target)} was renamed to ${code(next)}`,
    labels: [primary(span, label)],
    notes: [
      removed
        ? `Rust 1.84 removed \`${target}\` (the same target is \`${next}\` since Rust 1.78); ${builtWith}, where it fails with "Could not find specification for target"`
        : `Rust 1.78 added \`${next}\`; from Rust 1.81 \`${target}\` warns and Rust 1.84 removed it; ${builtWith}`,
    ],
    help: [`rename it to ${code(next)}, here and in CI, scripts and paths such as \`target/${target}/\``],
    fix: editFix(`rename \`${target}\` to \`${next}\``, applicability, [replace(span, next)]),
  };
}

export default defineRule({
  id: 'wasi/target-renamed',
  summary: 'the removed target name `wasm32-wasi` (or `wasm32-wasi-preview1-threads`) is still used',
  defaultSeverity: 'error',
  fix: 'always',
  needs: ['tool:rustc'],
  check({ project, workspace, tools, report }) {
    const active = activeToolchain(workspace, tools);
    const own = severityOf([active.pin]);
    for (const m of own ? targetMentions(workspace) : []) {
      const next = rust.RENAMED_TARGETS.get(m.target);
      if (next && own) report(renamed(m.target, next, m.span, WHERE[m.kind], own.removed, `this project builds with ${rust.describePin(active.pin)}`, own.severity));
    }
    for (const use of ciTargetUses(project, workspace)) {
      const next = rust.RENAMED_TARGETS.get(use.target);
      if (!next) continue;
      const toolchain = ciToolchain(workspace, tools, use);
      const verdict = severityOf(toolchain.pins);
      // A path follows the target some build names; when wasm-doctor cannot see that build, renaming the path alone breaks it.
      const applicability = use.kind === 'output-path' ? 'unsafe' : 'safe';
      if (verdict) report(renamed(use.target, next, use.span, USE[use.kind], verdict.removed, `this command runs with ${toolchain.described}`, verdict.severity, applicability));
    }
  },
});
