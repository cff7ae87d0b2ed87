import {
  activeToolchain,
  binaryen,
  code,
  defineRule,
  editFix,
  insertAt,
  primary,
  rust,
  secondary,
  targetKeyApplies,
  trunkConfigFor,
  trunkRustLinks,
  wasmBuilds,
  wasmPackWasmOpt,
} from '../../src/api.ts';
import type { Finding, Fix, Label, ProbeResult, Span, ToolSet, TrunkRustLink, WasmBuild, Workspace } from '../../src/api.ts';

type Probed = Extract<ProbeResult, { ok: true }>;

/** Where the wasm-opt that runs comes from, and which binaryen release it is. */
type Source =
  | { readonly kind: 'pin'; readonly release: number; readonly span: Span }
  | { readonly kind: 'path'; readonly release: number; readonly probe: Probed }
  | { readonly kind: 'download'; readonly release: number; readonly probe: Probed };

/** One wasm-opt invocation the project configures, with what it lacks. */
interface Run {
  readonly builder: Builder;
  readonly source: Source;
  readonly missing: readonly string[];
  readonly labels: readonly Label[];
  readonly help: readonly string[];
  readonly fix?: Fix;
}

type Builder = 'trunk' | 'wasm-pack';

const UNKNOWN = 'wasm32-unknown-unknown';

/** The wasm-opt on PATH wins when nothing pins a version; without one the builder downloads its default. */
function unpinned(tools: ToolSet, builder: Builder, download: (version: string) => number | undefined): Source | undefined {
  const onPath = tools.get('wasm-opt');
  if (onPath.ok) return { kind: 'path', release: Number(onPath.version), probe: onPath };
  if (onPath.reason !== 'not-found') return undefined;
  const tool = tools.get(builder);
  const release = tool.ok ? download(tool.version) : undefined;
  return tool.ok && release !== undefined ? { kind: 'download', release, probe: tool } : undefined;
}

function sourceNote(source: Source, builder: Builder): string {
  const tag = `version_${source.release}`;
  if (source.kind === 'pin') return `Trunk.toml \`[tools] wasm_opt\` pins binaryen \`${tag}\``;
  const reported = `\`${source.probe.command}\` reported \`${source.probe.raw.trim()}\``;
  if (source.kind === 'path') return `${reported}; ${builder === 'trunk' ? 'trunk uses the wasm-opt on PATH when `[tools] wasm_opt` pins none' : 'wasm-pack uses the wasm-opt on PATH, whatever its version'}`;
  return `${reported}; with no wasm-opt on PATH it downloads binaryen \`${tag}\``;
}

const FLAGS = binaryen.REQUIRED_FLAGS.map((r) => r.flag).join(' ');

function trunkRun(ws: Workspace, link: TrunkRustLink, tools: ToolSet): Run | undefined {
  if (link.attr('data-wasm-opt') === '0') return undefined;
  const params = link.attr('data-wasm-opt-params');
  const missing = binaryen.missingFlags((params ?? '').split(/\s+/).filter(Boolean));
  const pin = trunkConfigFor(ws, link.page)?.wasmOpt;
  const pinned = pin && binaryen.releaseOf(pin.value);
  const source: Source | undefined = pin ? (pinned === undefined ? undefined : { kind: 'pin', release: pinned, span: pin.span }) : unpinned(tools, 'trunk', binaryen.trunkDefaultRelease);
  if (!source || missing.length === 0) return undefined;
  const implicit = link.span.start === link.span.end;
  const labels = [primary(link.span, implicit ? 'Trunk builds the crate next to this page' : 'Trunk runs wasm-opt on this crate in release builds')];
  if (source.kind === 'pin') labels.push(secondary(source.span, 'binaryen release pinned here'));
  const body = link.page.file.text.slice(link.span.start, link.span.end).replace(/\s*\/?>$/, '');
  return {
    builder: 'trunk',
    source,
    missing,
    labels,
    help: [
      params === undefined
        ? `pass the flags on the rust link: \`data-wasm-opt-params="${FLAGS}"\``
        : `add ${missing.map((f) => `\`${f}\``).join(' and ')} to the rust link's \`data-wasm-opt-params\``,
      'or turn wasm-opt off for this link with `data-wasm-opt="0"`',
    ],
    fix:
      implicit || params !== undefined
        ? undefined
        : editFix('pass the feature flags to wasm-opt', 'safe', [insertAt(link.span, link.span.start + body.length, ` data-wasm-opt-params="${FLAGS}"`)]),
  };
}

function wasmPackRun(build: WasmBuild, tools: ToolSet): Run | undefined {
  const opt = wasmPackWasmOpt(build.manifest);
  if (opt.kind === 'disabled') return undefined;
  const args = opt.kind === 'args' ? opt.args : ['-O'];
  const missing = binaryen.missingFlags(args);
  const source = unpinned(tools, 'wasm-pack', binaryen.wasmPackDownloadRelease);
  if (!source || missing.length === 0) return undefined;
  const wanted = [...args, ...missing].map((a) => `"${a}"`).join(', ');
  return {
    builder: 'wasm-pack',
    source,
    missing,
    labels: [
      opt.kind === 'args'
        ? primary(opt.span, 'wasm-pack passes only these arguments to wasm-opt')
        : primary(opt.span ?? build.evidence, opt.span ? 'wasm-pack runs `wasm-opt -O` on release builds' : 'wasm-pack builds this crate and runs `wasm-opt -O` on release builds'),
    ],
    help: [
      `pass the flags in ${build.manifest.file.path}: \`[package.metadata.wasm-pack.profile.release]\` \`wasm-opt = [${wanted}]\``,
      'or turn wasm-opt off there with `wasm-opt = false`',
    ],
  };
}

/** `-Ctarget-cpu=mvp` (with `-Zbuild-std`) turns the new features off again (facts.md §3.4). */
function targetsMvp(ws: Workspace): boolean {
  return ws.cargoConfigs.some((cfg) =>
    [...cfg.buildRustflags, ...cfg.targets.filter((t) => targetKeyApplies(t.triple, UNKNOWN) === true).flatMap((t) => t.rustflags)].some((f) => f.value.includes('target-cpu=mvp')),
  );
}

export default defineRule({
  id: 'wasm-opt/features-missing',
  summary: 'Rust 1.87+ output is optimised by a wasm-opt that does not enable bulk memory and non-trapping float-to-int',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: ['tool:wasm-opt', 'tool:trunk', 'tool:wasm-pack', 'tool:rustc'],
  check({ workspace, tools, report }) {
    const active = activeToolchain(workspace, tools);
    if (rust.atLeast(active.pin, binaryen.FEATURES_DEFAULT_SINCE) !== true || targetsMvp(workspace)) return;
    const runs: (Run | undefined)[] = trunkRustLinks(workspace).map((link) => trunkRun(workspace, link, tools));
    const packed = new Set<string>();
    for (const build of wasmBuilds(workspace)) {
      if (build.builder !== 'wasm-pack' || packed.has(build.manifest.dir)) continue;
      packed.add(build.manifest.dir);
      runs.push(wasmPackRun(build, tools));
    }
    for (const run of runs) if (run && binaryen.isKnownBad(run.source.release)) report(finding(run, active.span, rust.describePin(active.pin)));
  },
});

function finding(run: Run, toolchainSpan: Span | undefined, toolchain: string): Finding {
  const tag = `version_${run.source.release}`;
  return {
    message: `wasm-opt ${code(tag)} runs without ${run.missing.map((f) => code(f)).join(' and ')} on Rust 1.87+ output`,
    labels: toolchainSpan ? [...run.labels, secondary(toolchainSpan, 'toolchain selected here')] : run.labels,
    notes: [
      sourceNote(run.source, run.builder),
      `this project builds with ${toolchain}; from Rust 1.87 the wasm32 targets emit bulk-memory (\`memory.copy\`, \`memory.fill\`) and non-trapping float-to-int instructions by default`,
      `binaryen \`${tag}\` enables these features only when told to, and stops with "Bulk memory operations require bulk memory [--enable-bulk-memory]" or "all used features should be allowed" (rust-lang/rust#141080, wasm-bindgen/wasm-pack#1501)`,
    ],
    help: run.help,
    fix: run.fix,
  };
}
