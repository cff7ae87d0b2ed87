import { activeToolchain, code, defineRule, editFix, primary, replace, rust, targetMentions } from '../../src/api.ts';
import type { Severity } from '../../src/api.ts';

const WHERE = {
  'toolchain-targets': 'rust-toolchain `targets`',
  'cargo-build-target': 'Cargo config `[build] target`',
  'cargo-target-table': 'Cargo config `[target.<triple>]` table',
} as const;

export default defineRule({
  id: 'wasi/target-renamed',
  summary: 'the removed target name `wasm32-wasi` (or `wasm32-wasi-preview1-threads`) is still used',
  defaultSeverity: 'error',
  fix: 'always',
  needs: ['tool:rustc'],
  check({ workspace, tools, report }) {
    const active = activeToolchain(workspace, tools);
    const removed = rust.atLeast(active.pin, rust.WASI_REMOVED_IN);
    const renamedYet = rust.atLeast(active.pin, rust.WASI_WARN_SINCE);
    if (renamedYet === false) return;
    const severity: Severity = removed === false ? 'warning' : 'error';
    for (const m of targetMentions(workspace)) {
      const next = rust.RENAMED_TARGETS.get(m.target);
      if (!next) continue;
      report({
        severity,
        message: `target ${code(m.target)} was renamed to ${code(next)}`,
        labels: [primary(m.span, `named in ${WHERE[m.kind]}`)],
        notes: [
          removed === false
            ? `Rust 1.78 added \`${next}\`; from Rust 1.81 \`${m.target}\` warns and Rust 1.84 removed it; this project builds with ${rust.describePin(active.pin)}`
            : `Rust 1.84 removed \`${m.target}\` (the same target is \`${next}\` since Rust 1.78); this project builds with ${rust.describePin(active.pin)}, where it fails with "Could not find specification for target"`,
        ],
        help: [`rename it to ${code(next)}, here and in CI, scripts and paths such as \`target/${m.target}/\``],
        fix: editFix(`rename \`${m.target}\` to \`${next}\``, 'safe', [replace(m.span, next)]),
      });
    }
  },
});
