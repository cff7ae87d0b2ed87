/**
 * Build environments: the places that build, each with its own toolchain and tools. This machine
 * (probed), and each GitHub workflow job, Dockerfile stage, make target, just recipe, cargo-make
 * task, npm script and shell script the CI readers found. Plain data over `project.ci`: the
 * readers already group every pin, target use and build command by its job (`CiContext`).
 */
import { dirname, resolve } from 'node:path';
import type { Located, Span } from '../syntax/span.ts';
import { asBool, stringItems, get } from '../syntax/toml/toml.ts';
import type { BuildCommand, CiContext, CiTool, Manifest, Project, ScriptCall, TargetUse, ToolPin, Workspace } from '../workspace/model.ts';
import { trunkRustLinks, wasmBuilds, type TrunkRustLink, type WasmBuild } from './builds.ts';
import { describePin } from '../kb/rust.ts';
import { BUILDER_DOWNLOADS } from '../kb/binaryen.ts';
import { activeToolchain, activeTrunkConfigs, trunkConfigFor } from './workspace-queries.ts';
import { ciJobLabel, ciToolchain, useWorkspace, type CiToolchain } from './ci-queries.ts';
import type { ToolId, ToolSet } from '../probe/types.ts';

export interface BuildEnvironment {
  /** `machine`: this computer, as probed; `job`: a CI job, Dockerfile stage, recipe or script */
  readonly kind: 'machine' | 'job';
  /** "job `web` in `.github/workflows/ci.yml`", "stage `build` in `Dockerfile`", "this machine" */
  readonly label: string;
  readonly context?: CiContext;
  readonly pins: readonly ToolPin[];
  readonly targets: readonly TargetUse[];
  readonly builds: readonly BuildCommand[];
  /** make targets, recipes, npm scripts and shell scripts it runs, followed: their commands are in `pins`, `targets` and `builds` */
  readonly calls: readonly ScriptCall[];
}

const MACHINE: BuildEnvironment = { kind: 'machine', label: 'this machine', pins: [], targets: [], builds: [], calls: [] };

/** "job `web` in `.github/workflows/ci.yml`"; a file without jobs is named by its path alone. */
export const environmentLabel = (c: CiContext): string => {
  const job = ciJobLabel(c);
  return job ? `${job} in \`${c.file.path}\`` : `\`${c.file.path}\``;
};

const cache = new WeakMap<Project, readonly BuildEnvironment[]>();

/** This machine first, then every job, stage or script that installs, names a target or builds, in file order. */
export function buildEnvironments(project: Project): readonly BuildEnvironment[] {
  const known = cache.get(project);
  if (known) return known;
  const byContext = new Map<CiContext, Found>();
  const slot = (c: CiContext) => {
    let s = byContext.get(c);
    if (!s) byContext.set(c, (s = { pins: [], targets: [], builds: [], calls: [] }));
    return s;
  };
  for (const p of project.ci.pins) slot(p.context).pins.push(p);
  for (const t of project.ci.targets) slot(t.context).targets.push(t);
  for (const b of project.ci.builds) slot(b.context).builds.push(b);
  for (const c of project.ci.calls) slot(c.context).calls.push(c);
  const envs: BuildEnvironment[] = [MACHINE];
  for (const [context, own] of byContext) {
    const found = context.source === 'workflow' || context.source === 'dockerfile' ? withCalled(context, own, byContext) : own;
    if (found.pins.length + found.targets.length + found.builds.length > 0) envs.push({ kind: 'job', label: environmentLabel(context), context, ...found });
  }
  cache.set(project, envs);
  return envs;
}

interface Found {
  pins: ToolPin[];
  targets: TargetUse[];
  builds: BuildCommand[];
  calls: ScriptCall[];
}

const CALLED_SOURCE: Record<ScriptCall['kind'], CiContext['source']> = { make: 'makefile', just: 'justfile', 'cargo-make': 'cargo-make', npm: 'package-json', script: 'script' };

/** The recipe a call runs: the script at that path, or the named target of the recipe file in the call's directory. */
function called(call: ScriptCall, contexts: Iterable<CiContext>): CiContext | undefined {
  for (const c of contexts) {
    if (c.source !== CALLED_SOURCE[call.kind]) continue;
    if (call.kind === 'script' ? c.file.absPath === call.name : dirname(c.file.absPath) === call.dir && c.job === call.name) return c;
  }
  return undefined;
}

/**
 * A job's or stage's own commands plus those of the make targets, recipes, npm scripts and shell
 * scripts it runs (followed through further calls), which run with the job's toolchain and tools.
 */
function withCalled(job: CiContext, own: Found, byContext: ReadonlyMap<CiContext, Found>): Found {
  const out: Found = { pins: [...own.pins], targets: [...own.targets], builds: [...own.builds], calls: [...own.calls] };
  const seen = new Set<CiContext>([job]);
  const queue = [...own.calls];
  for (let call = queue.shift(); call; call = queue.shift()) {
    const target = called(call, byContext.keys());
    const found = target && !seen.has(target) ? byContext.get(target) : undefined;
    if (!target || !found) continue;
    seen.add(target);
    out.pins.push(...found.pins.map((p) => ({ ...p, context: job })));
    // The called commands inherit the environment of the line that calls them (a step's `RUSTUP_TOOLCHAIN`).
    const inherited = (p: { readonly rustupToolchain?: Located<string> }) => (call.rustupToolchain && !p.rustupToolchain ? { rustupToolchain: call.rustupToolchain } : {});
    out.targets.push(...found.targets.map((t) => ({ ...t, context: job, ...inherited(t) })));
    // A command that does not `cd` runs where the job runs the recipe or script.
    out.builds.push(...found.builds.map((b) => ({ ...b, context: job, calledAt: b.calledAt ?? call.span, ...(b.dirExplicit ? {} : { dir: call.dir }), ...inherited(b) })));
    queue.push(...found.calls.map((c) => ({ ...c, span: call.span, ...inherited(c) })));
  }
  return out;
}

/**
 * Environments whose toolchain and tools are their own: workflow jobs (a fresh runner) and
 * Dockerfile stages (an image). Make targets, npm scripts and shell scripts run wherever they are
 * called, usually on this machine, whose probes the rules already use.
 */
export const selfContained = (env: BuildEnvironment): boolean => env.context?.source === 'workflow' || env.context?.source === 'dockerfile';

/** The pins of one tool an environment installs. */
export const envPins = (env: BuildEnvironment, tool: CiTool): ToolPin[] => env.pins.filter((p) => p.tool === tool);

/** A build command of an environment, with the workspace crate it compiles as a wasm build. */
export interface EnvBuild {
  readonly env: BuildEnvironment;
  readonly command: BuildCommand;
  readonly build: WasmBuild;
}

/** Options of `cargo build` that name packages or features (cargo help build). */
const PACKAGE_FLAGS = new Set(['-p', '--package']);
const FEATURE_FLAGS = new Set(['-F', '--features']);

/**
 * The crates a build command compiles in this workspace for a wasm target: `-p`/`--package`
 * names, else the member in the command's directory, else (at a virtual workspace's root, or with
 * `--workspace`) its `default-members`, else every member. Nothing when the directory or a
 * package name is not known: the build would be a guess.
 */
export function envBuilds(project: Project, ws: Workspace, env: BuildEnvironment): EnvBuild[] {
  const out: EnvBuild[] = [];
  for (const command of env.builds) {
    if (useWorkspace(project, command) !== ws) continue;
    for (const target of command.targets.filter((t) => t.startsWith('wasm'))) {
      for (const manifest of builtCrates(ws, command)) out.push({ env, command, build: commandBuild(manifest, target, command) });
    }
  }
  return out;
}

function builtCrates(ws: Workspace, command: BuildCommand): readonly Manifest[] {
  const args = command.args;
  if (args.includes('$?')) return [];
  const names = args.flatMap((a, i) => (PACKAGE_FLAGS.has(args[i - 1] ?? '') ? [a] : a.startsWith('--package=') ? [a.slice('--package='.length)] : []));
  if (names.length > 0) {
    const found = names.map((n) => ws.members.find((m) => m.packageName?.value === n));
    return found.every((m): m is Manifest => m !== undefined) ? found : [];
  }
  const here = ws.members.find((m) => m.dir === command.dir && m.packageName !== undefined);
  const all = args.includes('--workspace') || args.includes('--all');
  if (here && !all) return [here];
  if (command.dir !== ws.dir) return [];
  const defaults = stringItems(get(ws.root.toml, 'workspace', 'default-members')).map((d) => resolve(ws.dir, d.value));
  return defaults.length > 0 && !all ? ws.members.filter((m) => defaults.includes(m.dir)) : ws.members.filter((m) => m.packageName !== undefined);
}

function commandBuild(manifest: Manifest, target: string, command: BuildCommand): WasmBuild {
  const args = command.args;
  const features = args.flatMap((a, i) => (FEATURE_FLAGS.has(args[i - 1] ?? '') ? a.split(/[\s,]+/) : a.startsWith('--features=') ? a.slice('--features='.length).split(/[\s,]+/) : [])).filter(Boolean);
  const evidence: Span = command.span;
  return { manifest, target, builder: 'command', evidence, features, defaultFeatures: !args.includes('--no-default-features') };
}

/**
 * The rust links a `trunk build` command builds in release mode, which runs wasm-opt: its page (an
 * `.html` argument, else the Trunk.toml's `[build] target` in its directory, else `index.html`
 * there), when it passes `--release` (not `--release false`) or that Trunk.toml sets `[build] release = true`
 * (trunk `src/cmd/build.rs` @c5ead2c: the flag wins over the file; the file is the one in the directory it runs in). Nothing for
 * a dev build, `trunk serve`, `--config` or `--working-directory` (another file or directory), an argument wasm-doctor cannot read, or an
 * `.html` page whose Trunk.toml is not the one trunk reads there, or a command about another workspace.
 */
export function trunkReleaseLinks(project: Project, ws: Workspace, command: BuildCommand): TrunkRustLink[] {
  const args = command.args;
  const elsewhere = (a: string) => a === '$?' || ['--config', '--working-directory'].some((f) => a === f || a.startsWith(`${f}=`));
  if (useWorkspace(project, command) !== ws || command.tool !== 'trunk' || command.subcommand !== 'build' || args.some(elsewhere)) return [];
  const config = activeTrunkConfigs(ws).find((t) => t.dir === command.dir);
  const flag = args.findIndex((a) => a === '--release' || a.startsWith('--release='));
  const value = flag < 0 ? undefined : (args[flag] as string).startsWith('--release=') ? (args[flag] as string).slice('--release='.length) : args[flag + 1];
  const release = flag >= 0 ? value !== 'false' : config !== undefined && asBool(get(config.toml, 'build', 'release')) === true;
  const pages = args.filter((a) => a.endsWith('.html'));
  if (!release || pages.length > 1) return [];
  const page = resolve(command.dir, pages[0] ?? config?.buildTarget?.value ?? 'index.html');
  return trunkRustLinks(ws).filter((l) => l.page.file.absPath === page && trunkConfigFor(ws, l.page) === config);
}

/**
 * The toolchain a build command of a self-contained environment runs with (rustup's order, see
 * `ciToolchain`); undefined for a Dockerfile stage that selects none (not a `rust` image): its
 * image's toolchain is unknown, and this machine's says nothing about it.
 */
export function envToolchain(ws: Workspace, tools: ToolSet, command: BuildCommand): CiToolchain | undefined {
  const c = command.context;
  const selects = command.toolchain || command.rustupToolchain || c.rustupToolchain || (c.overrides?.length ?? 0) > 0 || c.toolchains.length > 0 || ws.toolchainFile?.channel;
  return c.source === 'dockerfile' && !selects ? undefined : ciToolchain(ws, tools, command);
}

/** One line of `--explain-builds` about a place that builds: what it is and why wasm-doctor thinks so. */
export interface EnvironmentFact {
  readonly text: string;
  /** the line it was read from */
  readonly where?: Span;
}

/** `--explain-builds`: an environment with its toolchain, targets, builders and tools. */
export interface EnvironmentSummary {
  readonly label: string;
  readonly toolchain: readonly EnvironmentFact[];
  readonly targets: readonly string[];
  readonly builds: readonly EnvironmentFact[];
  readonly tools: readonly EnvironmentFact[];
}

const PROBED: readonly ToolId[] = ['wasm-pack', 'trunk', 'wasm-bindgen', 'wasm-opt', 'cargo-leptos'];

/** Every environment that names a target, builds or installs a wasm tool; this machine as probed. */
export function describeEnvironments(project: Project, toolsFor: (ws: Workspace) => ToolSet): EnvironmentSummary[] {
  const out: EnvironmentSummary[] = [];
  for (const env of buildEnvironments(project)) {
    if (env.kind === 'machine') {
      out.push(machineSummary(project, toolsFor));
      continue;
    }
    const tools = env.pins.filter((p) => p.tool !== 'rust').map(pinFact);
    if (env.builds.length === 0 && env.targets.length === 0 && tools.length === 0) continue;
    const places = [...env.builds, ...env.targets, ...env.pins];
    const ws = places[0] && useWorkspace(project, places[0]);
    const toolchain = ws && env.context ? ciToolchain(ws, toolsFor(ws), { context: env.context }) : undefined;
    out.push({
      label: env.label,
      toolchain: toolchain ? [{ text: toolchain.described, ...(toolchain.span ? { where: toolchain.span } : {}) }] : [],
      targets: [...new Set([...env.targets.map((t) => t.target), ...env.builds.flatMap((b) => b.targets)])].sort(),
      builds: env.builds.map((b) => ({ text: `${b.tool === 'cargo' ? 'cargo' : b.tool} ${b.subcommand}${b.toolchain ? ` (\`+${b.toolchain.value}\`)` : ''}`, where: b.span })),
      tools,
    });
  }
  return out;
}

function pinFact(pin: ToolPin): EnvironmentFact {
  const version = pin.pin === 'latest' ? 'the newest release' : pin.version ? pin.version.value : 'a version wasm-doctor cannot read';
  const downloads = pin.tool === 'wasm-pack' || pin.tool === 'trunk' ? BUILDER_DOWNLOADS[pin.tool] : undefined;
  const release = binaryenOf(pin.tool, pin.pin === 'latest' ? downloads?.newest : pin.pin === 'exact' ? pin.version?.value : undefined);
  return { text: `${pin.tool} ${version} via ${pin.via}${release}`, where: pin.version?.span ?? pin.span };
}

/** The binaryen a wasm-pack or trunk release downloads, for `--explain-builds`. */
const binaryenOf = (tool: string, version: string | undefined): string => {
  const downloads = tool === 'wasm-pack' || tool === 'trunk' ? BUILDER_DOWNLOADS[tool] : undefined;
  const release = downloads && version !== undefined ? downloads.release(version) : undefined;
  const unless = tool === 'trunk' ? ' and Trunk.toml `[tools] wasm_opt` pins none' : '';
  return release === undefined ? '' : ` (downloads binaryen version_${release} when no wasm-opt is on PATH${unless})`;
};

function machineSummary(project: Project, toolsFor: (ws: Workspace) => ToolSet): EnvironmentSummary {
  // Workspaces with the same toolchain for the same reason share a line.
  const byToolchain = new Map<string, { text: string; first: Workspace; count: number; where?: Span }>();
  for (const ws of project.workspaces) {
    const active = activeToolchain(ws, toolsFor(ws));
    const why = active.source === 'file' ? 'its rust-toolchain file' : active.source === 'rustc' ? 'the probed rustc' : 'nothing pinned or probed';
    const text = `${describePin(active.pin)} (${why})`;
    const key = `${text}${active.span ? `@${active.span.file}:${active.span.start}` : ''}`;
    const seen = byToolchain.get(key);
    byToolchain.set(key, seen ? { ...seen, count: seen.count + 1 } : { text, first: ws, count: 1, ...(active.span ? { where: active.span } : {}) });
  }
  const toolchain = [...byToolchain.values()].map(({ text, first, count, where }): EnvironmentFact => {
    const others = count > 1 ? ` and ${count - 1} other workspace${count > 2 ? 's' : ''}` : '';
    return { text: `${text} for \`${first.root.file.path}\`${others}`, ...(where ? { where } : {}) };
  });
  const builds = project.workspaces.flatMap((ws) => wasmBuilds(ws).map((b): EnvironmentFact => ({ text: `${b.builder} builds \`${b.manifest.packageName?.value ?? b.manifest.file.path}\` for \`${b.target}\``, where: b.evidence })));
  const probes = project.workspaces[0] ? toolsFor(project.workspaces[0]) : undefined;
  const tools = PROBED.flatMap((id): EnvironmentFact[] => {
    const p = probes?.get(id);
    return p?.ok ? [{ text: `${id} ${p.version} (\`${p.command}\`)${binaryenOf(id, p.version)}` }] : [];
  });
  const targets = [...new Set(project.workspaces.flatMap((ws) => wasmBuilds(ws).map((b) => b.target)))].sort();
  return { label: MACHINE.label, toolchain, targets, builds, tools };
}
