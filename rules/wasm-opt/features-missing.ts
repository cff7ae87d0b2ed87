import {
  activeToolchain,
  binaryen,
  buildEnvironments,
  code,
  defineRule,
  envBuilds,
  envPins,
  envToolchain,
  editFix,
  hasVersion,
  insertAt,
  primary,
  rust,
  secondary,
  selfContained,
  targetKeyApplies,
  trunkConfigFor,
  trunkReleaseLinks,
  trunkRustLinks,
  wasmBuilds,
  wasmPackWasmOpt,
} from '../../src/api.ts';
import type { BuildEnvironment, EnvBuild, Finding, Fix, Label, Project, Span, ToolPin, ToolSet, TrunkRustLink, VersionedResult, WasmBuild, Workspace } from '../../src/api.ts';

type Probed = VersionedResult;

/** Where the wasm-opt that runs comes from, and which binaryen release it is. */
type Source =
  | { readonly kind: 'pin'; readonly release: number; readonly span: Span }
  | { readonly kind: 'path'; readonly release: number; readonly probe: Probed }
  | { readonly kind: 'download'; readonly release: number; readonly probe: Probed }
  /** the wasm-pack or trunk a CI job or Dockerfile stage installs downloads it */
  | { readonly kind: 'installed'; readonly release: number; readonly pin: ToolPin; readonly version: string; readonly env: string };

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
  if (hasVersion(onPath)) return { kind: 'path', release: Number(onPath.version), probe: onPath };
  if (onPath.ok || onPath.reason !== 'not-found') return undefined;
  const tool = tools.get(builder);
  const release = hasVersion(tool) ? download(tool.version) : undefined;
  return hasVersion(tool) && release !== undefined ? { kind: 'download', release, probe: tool } : undefined;
}

function sourceNote(source: Source, builder: Builder): string {
  const tag = `version_${source.release}`;
  if (source.kind === 'pin') return `Trunk.toml \`[tools] wasm_opt\` pins binaryen \`${tag}\``;
  if (source.kind === 'installed') {
    const which = source.pin.pin === 'latest' ? `the newest ${builder} (judged as ${source.version}, the newest release wasm-doctor knows)` : `${builder} ${source.version}`;
    return `${source.env} installs ${which} with \`${source.pin.via}\` and no wasm-opt, so ${builder} downloads binaryen \`${tag}\``;
  }
  const reported = `\`${source.probe.command}\` reported \`${source.probe.raw.trim()}\``;
  if (source.kind === 'path') return `${reported}; ${builder === 'trunk' ? 'trunk uses the wasm-opt on PATH when `[tools] wasm_opt` pins none' : 'wasm-pack uses the wasm-opt on PATH, whatever its version'}`;
  return `${reported}; with no wasm-opt on PATH it downloads binaryen \`${tag}\``;
}

const FLAGS = binaryen.REQUIRED_FLAGS.map((r) => r.flag).join(' ');

/** Trunk.toml `[tools] wasm_opt` wins wherever trunk runs; else `otherwise` (a pin that is not a `version_N` tag: unknown). */
function trunkSource(ws: Workspace, link: TrunkRustLink, otherwise: () => Source | undefined): Source | undefined {
  const pin = trunkConfigFor(ws, link.page)?.wasmOpt;
  if (!pin) return otherwise();
  const release = binaryen.releaseOf(pin.value);
  return release === undefined ? undefined : { kind: 'pin', release, span: pin.span };
}

function trunkRun(link: TrunkRustLink, source: Source | undefined): Run | undefined {
  if (link.attr('data-wasm-opt') === '0') return undefined;
  const params = link.attr('data-wasm-opt-params');
  const missing = binaryen.missingFlags((params ?? '').split(/\s+/).filter(Boolean));
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

function wasmPackRun(build: WasmBuild, source: Source | undefined): Run | undefined {
  const opt = wasmPackWasmOpt(build.manifest);
  if (opt.kind === 'disabled') return undefined;
  const args = opt.kind === 'args' ? opt.args : ['-O'];
  const missing = binaryen.missingFlags(args);
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

/** A run of wasm-opt judged in one environment: this project as probed, or a CI job or Dockerfile stage. */
interface Judged {
  readonly run: Run;
  /** "this project", "job `web` in `.github/workflows/ci.yml`" */
  readonly where: string;
  readonly toolchain: string;
  readonly toolchainSpan?: Span;
}

/**
 * The binaryen the wasm-pack or trunk an environment installs downloads; undefined when it installs
 * wasm-opt, when any of its files mentions binaryen or wasm-opt at all (`TRUNK_TOOLS_WASM_OPT`
 * included), or when the builder's release is unknown.
 */
function installedSource(env: BuildEnvironment, sources: Project['sources'], builder: Builder): Extract<Source, { kind: 'installed' }> | undefined {
  const files = new Set([...env.pins, ...env.builds].map((p) => p.span.file));
  if (envPins(env, 'wasm-opt').length > 0 || [...files].some((f) => /binaryen|wasm[-_]opt/i.test(sources.get(f).text))) return undefined;
  const [pin, ...more] = envPins(env, builder);
  if (!pin || more.length > 0) return undefined;
  const downloads = binaryen.BUILDER_DOWNLOADS[builder];
  const version = pin.pin === 'latest' ? downloads.newest : pin.pin === 'exact' ? pin.version?.value : undefined;
  const release = version === undefined ? undefined : downloads.release(version);
  return version !== undefined && release !== undefined ? { kind: 'installed', release, pin, version, env: env.label } : undefined;
}

/** `wasm-pack build` without `--dev`, `--profiling` or `--no-opt`: a release build that runs wasm-opt. */
const optimises = (eb: EnvBuild): boolean =>
  eb.command.tool === 'wasm-pack' && eb.command.subcommand === 'build' && !eb.command.args.some((a) => a === '--dev' || a === '--profiling' || a === '--no-opt' || a === '$?');

/** Runs of wasm-opt grouped by what they optimise (a crate built by wasm-pack, a Trunk rust link): one finding each. */
type Groups = Map<string, Judged[]>;

const add = (groups: Groups, key: string, judged: readonly Judged[]): void => {
  if (judged.length > 0) groups.set(key, [...(groups.get(key) ?? []), ...judged]);
};

const linkKey = (link: TrunkRustLink): string => `trunk:${link.page.file.absPath}:${link.span.start}`;

/**
 * wasm-pack and trunk release builds of CI jobs and Dockerfile stages, on a toolchain at 1.87 or
 * later, with the binaryen the builder they install downloads (for trunk, unless Trunk.toml pins one).
 */
function environmentRuns(project: Project, ws: Workspace, tools: ToolSet, groups: Groups): void {
  for (const env of buildEnvironments(project).filter(selfContained)) {
    const judge = (command: EnvBuild['command'], run: Run | undefined, builder: Builder, source: Source, pin: ToolPin): Judged[] => {
      const toolchain = envToolchain(ws, tools, command);
      if (!run || !toolchain?.pins.some((p) => rust.atLeast(p, binaryen.FEATURES_DEFAULT_SINCE) === true)) return [];
      const labels = [
        primary(command.span, `${env.label} builds this crate with ${builder}, which runs \`wasm-opt\` on release builds`),
        ...run.labels.filter((l) => l.span !== command.span).map((l) => ({ ...l, primary: false })),
        ...(source.kind === 'pin' ? [] : [secondary(pin.span, `${builder} installed here`)]),
        ...(command.calledAt ? [secondary(command.calledAt, 'the job runs it from here')] : []),
      ];
      return [{ run: { ...run, labels }, where: env.label, toolchain: toolchain.described, ...(toolchain.span ? { toolchainSpan: toolchain.span } : {}) }];
    };
    for (const eb of envBuilds(project, ws, env).filter(optimises)) {
      const source = installedSource(env, project.sources, 'wasm-pack');
      if (source) add(groups, eb.build.manifest.dir, judge(eb.command, wasmPackRun(eb.build, source), 'wasm-pack', source, source.pin));
    }
    const trunk = installedSource(env, project.sources, 'trunk');
    for (const command of trunk ? env.builds : []) {
      for (const link of trunkReleaseLinks(project, ws, command)) {
        const source = trunkSource(ws, link, () => trunk);
        if (trunk && source) add(groups, linkKey(link), judge(command, trunkRun(link, source), 'trunk', source, trunk.pin));
      }
    }
  }
}

export default defineRule({
  id: 'wasm-opt/features-missing',
  summary: 'Rust 1.87+ output is optimised by a wasm-opt that does not enable bulk memory and non-trapping float-to-int',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: ['tool:wasm-opt', 'tool:trunk', 'tool:wasm-pack', 'tool:rustc'],
  check({ project, workspace, tools, report }) {
    if (targetsMvp(workspace)) return;
    const active = activeToolchain(workspace, tools);
    const here = (run: Run | undefined): Judged[] =>
      run ? [{ run, where: 'this project', toolchain: rust.describePin(active.pin), ...(active.span ? { toolchainSpan: active.span } : {}) }] : [];
    const local = rust.atLeast(active.pin, binaryen.FEATURES_DEFAULT_SINCE) === true;
    const groups: Groups = new Map();
    for (const link of local ? trunkRustLinks(workspace) : []) add(groups, linkKey(link), here(trunkRun(link, trunkSource(workspace, link, () => unpinned(tools, 'trunk', binaryen.trunkDefaultRelease)))));
    for (const build of local ? wasmBuilds(workspace) : []) {
      if (build.builder !== 'wasm-pack' || groups.has(build.manifest.dir)) continue;
      add(groups, build.manifest.dir, here(wasmPackRun(build, unpinned(tools, 'wasm-pack', binaryen.wasmPackDownloadRelease))));
    }
    environmentRuns(project, workspace, tools, groups);
    for (const group of groups.values()) {
      const [main, ...others] = group.filter((j) => binaryen.isKnownBad(j.run.source.release));
      if (main) report(finding(main, others));
    }
  },
});

const FEATURE_NOTE =
  'from Rust 1.87 the wasm32 targets emit bulk-memory (`memory.copy`, `memory.fill`) and non-trapping float-to-int instructions by default';

/** One finding per crate: the first environment's run, the others as secondary labels and notes. */
function finding(main: Judged, others: readonly Judged[]): Finding {
  const run = main.run;
  const tag = `version_${run.source.release}`;
  const labelsOf = (j: Judged, demote: boolean): Label[] => [
    ...j.run.labels.map((l) => (demote ? { ...l, primary: false } : l)),
    ...(j.toolchainSpan ? [secondary(j.toolchainSpan, j.where === 'this project' ? 'toolchain selected here' : `toolchain of ${j.where}`)] : []),
  ];
  // Environments share lines (the rust link, a Trunk.toml pin): each is labelled and explained once.
  const labels = [...labelsOf(main, false), ...others.flatMap((j) => labelsOf(j, true))];
  const firstOf = (l: Label, i: number) => labels.findIndex((o) => o.span.file === l.span.file && o.span.start === l.span.start && o.span.end === l.span.end && o.message === l.message) === i;
  const mainSource = sourceNote(run.source, run.builder);
  return {
    message: `wasm-opt ${code(tag)} runs without ${run.missing.map((f) => code(f)).join(' and ')} on Rust 1.87+ output`,
    labels: labels.filter(firstOf),
    notes: [
      mainSource,
      `${main.where} builds with ${main.toolchain}; ${FEATURE_NOTE}`,
      ...others.flatMap((j) => [sourceNote(j.run.source, j.run.builder), `${j.where} builds with ${j.toolchain}`].filter((n) => n !== mainSource)),
      `binaryen \`${tag}\` enables these features only when told to, and stops with "Bulk memory operations require bulk memory [--enable-bulk-memory]" or "all used features should be allowed" (rust-lang/rust#141080, wasm-bindgen/wasm-pack#1501)`,
    ],
    help: run.help,
    fix: run.fix,
  };
}
