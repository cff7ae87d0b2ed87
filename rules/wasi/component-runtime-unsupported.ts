import { code, compareVersions, defineRule, hasVersion, primary, targetKeyApplies, targetMentions } from '../../src/api.ts';
import type { Finding, Located, ToolSet, Workspace } from '../../src/api.ts';

const WASIP2 = 'wasm32-wasip2';

/** The wasmtime CLI runs components (WASI 0.2) by default from 17.0.0 (facts.md §9). */
const WASMTIME_COMPONENTS_SINCE = '17.0.0';

/** Runtimes with no component-model support for WASI 0.2 (facts.md §9, §11). */
const NO_COMPONENTS: ReadonlyMap<string, string> = new Map([
  ['wasmer', 'wasmer ran WASI 0.2 components with `Validation error: unknown binary version` (bytecodealliance/wit-bindgen#834); later support is unverified'],
  ['wasmedge', 'the WasmEdge runtime does not parse components yet (`Component model is not fully parsed yet!`; WasmEdge/WasmEdge#4236 is open)'],
  ['wazero', 'wazero has no component-model support'],
  ['iwasm', '`iwasm` (WAMR) has no component-model support'],
]);

/** The program a runner string starts (first word, without directory or `.exe`), lowercase. */
function program(runner: string): { name: string; bare: boolean } | undefined {
  const first = runner.trim().split(/\s+/)[0]?.replace(/^["']|["']$/g, '');
  if (!first) return undefined;
  const base = first.split(/[\\/]/).pop() ?? first;
  return { name: base.replace(/\.exe$/i, '').toLowerCase(), bare: base === first };
}

/** Runners that apply to `wasm32-wasip2` builds: `[target.wasm32-wasip2]`, or a matching `cfg(...)` table when the project builds for wasip2. */
function wasip2Runners(ws: Workspace): Located<string>[] {
  const buildsWasip2 = targetMentions(ws).some((m) => m.target === WASIP2 && m.kind !== 'cargo-target-table');
  const out: Located<string>[] = [];
  for (const config of ws.cargoConfigs) {
    const exact = config.targets.find((t) => t.triple === WASIP2 && t.runner);
    const tables = exact ? [exact] : buildsWasip2 ? config.targets.filter((t) => t.runner && t.triple.startsWith('cfg(') && targetKeyApplies(t.triple, WASIP2) === true) : [];
    for (const t of tables) if (t.runner) out.push(t.runner);
  }
  return out;
}

function wasmtimeFinding(runner: Located<string>, tools: ToolSet): Finding | undefined {
  if (/component-model/.test(runner.value)) return undefined;
  const wasmtime = tools.get('wasmtime');
  if (!hasVersion(wasmtime) || compareVersions(wasmtime.version, WASMTIME_COMPONENTS_SINCE) >= 0) return undefined;
  return {
    message: `wasmtime ${code(wasmtime.version)} cannot run ${code(WASIP2)} components`,
    labels: [primary(runner.span, `runs ${WASIP2} builds`)],
    notes: [
      `\`${wasmtime.command}\` reported \`${wasmtime.raw.trim()}\``,
      `${WASIP2} builds a component, not a core module; the wasmtime CLI runs components by default from 17.0.0`,
    ],
    help: ['install wasmtime 17 or newer'],
  };
}

export default defineRule({
  id: 'wasi/component-runtime-unsupported',
  summary: 'a `wasm32-wasip2` build is run by a runtime that cannot run components',
  defaultSeverity: 'warning',
  fix: 'none',
  needs: ['tool:wasmtime'],
  check({ workspace, tools, report }) {
    for (const runner of wasip2Runners(workspace)) {
      const prog = program(runner.value);
      if (!prog) continue;
      if (prog.name === 'wasmtime') {
        const finding = prog.bare ? wasmtimeFinding(runner, tools) : undefined;
        if (finding) report(finding);
        continue;
      }
      const why = NO_COMPONENTS.get(prog.name);
      if (!why) continue;
      report({
        message: `runner ${code(prog.name)} cannot run ${code(WASIP2)} components`,
        labels: [primary(runner.span, `runs ${WASIP2} builds`)],
        notes: [`${WASIP2} builds a component, not a core module`, why],
        help: [`run it with wasmtime 17 or newer (\`runner = "wasmtime"\`), or build \`wasm32-wasip1\` for ${prog.name}`],
      });
    }
  },
});
