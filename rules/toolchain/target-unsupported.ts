import { activeToolchain, code, defineRule, primary, rust, secondary, targetMentions } from '../../src/api.ts';

/** Targets that stable rustup toolchains ship only from a given release (facts.md §1). */
const INTRODUCED: ReadonlyMap<string, { readonly minor: number; readonly what: string }> = new Map([
  ['wasm32-wasip1', { minor: rust.WASIP1_SINCE, what: 'Rust 1.78 introduced `wasm32-wasip1` (before, the same target was `wasm32-wasi`)' }],
  ['wasm32-wasip1-threads', { minor: rust.WASIP1_SINCE, what: 'Rust 1.78 introduced `wasm32-wasip1-threads` (before, it was `wasm32-wasi-preview1-threads`)' }],
  ['wasm32-wasip2', { minor: rust.WASIP2_TIER2_SINCE, what: 'Rust 1.82 made `wasm32-wasip2` a tier 2 target that rustup can install; before, it needed nightly and `-Zbuild-std`' }],
]);

export default defineRule({
  id: 'toolchain/target-unsupported',
  summary: 'a target the pinned Rust toolchain does not provide',
  defaultSeverity: 'error',
  fix: 'none',
  needs: ['tool:rustc'],
  check({ workspace, tools, report }) {
    const active = activeToolchain(workspace, tools);
    if (active.pin.kind !== 'versioned') return;
    const pin = active.pin;
    for (const m of targetMentions(workspace)) {
      const intro = INTRODUCED.get(m.target);
      if (!intro || pin.minor >= intro.minor) continue;
      if (m.target === 'wasm32-wasip2' && pin.channel === 'nightly' && pin.minor >= rust.WASIP1_SINCE) continue;
      report({
        message: `target ${code(m.target)} does not exist in ${rust.describePin(pin)}`,
        labels: [primary(m.span, 'target named here'), ...(active.span ? [secondary(active.span, 'toolchain pinned here')] : [])],
        notes: [intro.what],
        help: [`move the toolchain to Rust 1.${intro.minor} or newer${m.target === 'wasm32-wasip1' ? ', or keep `wasm32-wasi` on this toolchain' : ''}`],
      });
    }
  },
});
