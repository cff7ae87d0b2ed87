/**
 * Which workspace a CI pin or target use is about, and which toolchain runs it. Rules run once per
 * workspace; each CI item belongs to at most one, so it is reported once (true or silent).
 */
import { basename } from 'node:path';
import { within } from '../paths.ts';
import { parseToolchainName, describePin, NEWEST_STABLE_MINOR, type ToolchainPin } from '../kb/rust.ts';
import { bundledBindgen, LEPTOS_DEFAULT_DOWNLOAD, type BundledBindgen, type BundlingBuilder } from '../kb/builders.ts';
import type { ToolSet } from '../probe/types.ts';
import type { CiContext, CiPlace, CiSource, CiTool, Located, Project, TargetUse, ToolPin, Workspace } from '../workspace/model.ts';
import type { SourceFile } from '../syntax/source.ts';
import type { Span } from '../syntax/span.ts';
import { secondary } from '../diagnostic/build.ts';
import type { Finding } from '../diagnostic/types.ts';
import { activeToolchain, filesMentioning } from './workspace-queries.ts';


/**
 * The workspaces a CI item at `dir` can be about: those of the git repository that holds it (a
 * scan of a folder holding several repositories keeps them apart); every workspace when none of
 * them is in a repository that holds it.
 */
function candidates(project: Project, dir: string): readonly Workspace[] {
  const same = project.workspaces.filter((w) => w.repoDir !== undefined && within(w.repoDir, dir));
  return same.length > 0 ? same : project.workspaces;
}

/** The innermost workspace whose directory holds `dir`. */
function containing(project: Project, dir: string): Workspace | undefined {
  let best: Workspace | undefined;
  for (const ws of candidates(project, dir)) if (within(ws.dir, dir) && (!best || ws.dir.length > best.dir.length)) best = ws;
  return best;
}

const bindgenLock = (ws: Workspace): string =>
  [...new Set(ws.lockfile?.packages.filter((p) => p.name === 'wasm-bindgen').map((p) => p.version.value) ?? [])].sort().join(',');

/**
 * The workspace a wasm-bindgen pin is compared with: the one its directory points into (a
 * `working-directory`, `cd`, a Dockerfile's own directory); else the only workspace whose
 * Cargo.lock has wasm-bindgen; else, when several do, the first of them only if all their locks
 * agree. Otherwise none: the comparison would be a guess.
 */
export function pinWorkspace(project: Project, place: CiPlace): Workspace | undefined {
  const home = containing(project, place.dir);
  if (home && (place.dirExplicit || bindgenLock(home) !== '')) return home;
  const locked = candidates(project, place.dir).filter((w) => bindgenLock(w) !== '');
  const first = locked[0];
  return first && locked.every((w) => bindgenLock(w) === bindgenLock(first)) ? first : undefined;
}

/**
 * The workspace a target use is about: the one its directory points into, else the one at the
 * root of its repository (or of the report), else the first of its repository.
 */
export function useWorkspace(project: Project, place: CiPlace): Workspace | undefined {
  const own = candidates(project, place.dir);
  return containing(project, place.dir) ?? own.find((w) => w.dir === w.repoDir || w.dir === project.root) ?? own[0];
}

/** CI/build pins of a tool that belong to this workspace. */
export function ciPins(project: Project, ws: Workspace, tool: CiTool): ToolPin[] {
  return project.ci.pins.filter((p) => p.tool === tool && pinWorkspace(project, p) === ws);
}

/** Target names in CI/build files that belong to this workspace, one per span. */
export function ciTargetUses(project: Project, ws: Workspace): TargetUse[] {
  const seen = new Set<string>();
  return project.ci.targets.filter((t) => {
    const key = `${t.span.file}:${t.span.start}`;
    if (seen.has(key) || useWorkspace(project, t) !== ws) return false;
    seen.add(key);
    return true;
  });
}

/** A builder install whose release certainly runs a wasm-bindgen of its own. */
export interface BuilderBindgen {
  readonly pin: ToolPin;
  readonly tool: BundlingBuilder;
  /** the builder's version literal */
  readonly release: Located<string>;
  readonly bundled: BundledBindgen;
}

/**
 * cargo-leptos and dioxus-cli installs of this workspace at an exact version whose wasm-bindgen the
 * knowledge base knows (kb/builders.ts). A download default does not count when the same job or
 * stage installs a wasm-bindgen (found first on PATH) or the file names the override variable.
 */
export function builderBindgens(project: Project, ws: Workspace): BuilderBindgen[] {
  const bindgenPins = ciPins(project, ws, 'wasm-bindgen');
  const out: BuilderBindgen[] = [];
  for (const tool of ['cargo-leptos', 'dioxus-cli'] as const) {
    for (const pin of ciPins(project, ws, tool)) {
      const release = pin.pin === 'exact' ? pin.version : undefined;
      const bundled = release && bundledBindgen(tool, release.value, pin.locked === true && pin.via === 'cargo install');
      if (!release || !bundled) continue;
      const sameJob = (p: ToolPin) => p.context.file === pin.context.file && p.context.job === pin.context.job;
      if (bundled.how === 'default' && (bindgenPins.some(sameJob) || pin.context.file.text.includes(LEPTOS_DEFAULT_DOWNLOAD.override))) continue;
      out.push({ pin, tool, release, bundled });
    }
  }
  return out;
}

export interface CiToolchain {
  readonly pins: readonly ToolchainPin[];
  /** where the toolchain comes from, for notes */
  readonly described: string;
  /** the line that selected it (`cargo +X`, the override, the file's channel, the install step) */
  readonly span?: Span;
  /** the lines that pin it, one per pin (`cargo +X`, the toolchain file's channel, the job's toolchain); empty for a default */
  readonly at: readonly Span[];
}

/** What a command needs to know its toolchain: its `cargo +X`, its own `RUSTUP_TOOLCHAIN`, and its job or stage. */
export interface ToolchainPlace {
  readonly toolchain?: Located<string>;
  readonly rustupToolchain?: Located<string>;
  readonly context: CiContext;
}

const FLOATING_NOTE = ` (floating: judged as Rust 1.${NEWEST_STABLE_MINOR}, the newest release wasm-doctor knows)`;

/**
 * The toolchain(s) a CI/build command runs with, in rustup's order (rustup book, "Overrides"):
 * `cargo +X`, then `RUSTUP_TOOLCHAIN` (a step's `env:` or a stage's `ENV` before the job's), then a directory override (`rustup override set`,
 * actions-rs/toolchain `override: true`) unless the rust-toolchain file is closer, then the
 * workspace's rust-toolchain file, then the default the job or stage installs
 * (`dtolnay/rust-toolchain`, `FROM rust:X`, `rustup default`), then, on a GitHub runner, the
 * preinstalled stable; elsewhere the workspace's active toolchain.
 */
export function ciToolchain(ws: Workspace, tools: ToolSet, use: ToolchainPlace): CiToolchain {
  const found = selectToolchain(ws, tools, use);
  return found.pins.some((p) => p.kind === 'floating') ? { ...found, described: found.described + FLOATING_NOTE } : found;
}

function selectToolchain(ws: Workspace, tools: ToolSet, use: ToolchainPlace): CiToolchain {
  const list = (ls: readonly Located<string>[]) => ls.map((l) => `\`${l.value}\``).join(', ');
  const one = (l: Located<string>, described: string): CiToolchain => ({ pins: [parseToolchainName(l.value)], described, span: l.span, at: [l.span] });
  const ctx = use.context;
  const label = ciJobLabel(ctx) ?? 'this file';
  if (use.toolchain) return one(use.toolchain, `\`cargo +${use.toolchain.value}\``);
  const rustup = use.rustupToolchain ?? ctx.rustupToolchain;
  if (rustup) return one(rustup, `\`RUSTUP_TOOLCHAIN=${rustup.value}\`, which ${label} sets`);
  const tf = ws.toolchainFile;
  const file = tf?.channel;
  const override = ctx.overrides?.[ctx.overrides.length - 1];
  const fileCloser = tf !== undefined && override !== undefined && tf.dir !== override.dir && within(override.dir, tf.dir);
  if (override && !fileCloser) {
    const beats = file ? ` (a directory override beats \`${tf?.file.path}\`)` : '';
    return one(override.toolchain, `\`${override.toolchain.value}\`, which ${label} sets as a rustup directory override${beats}`);
  }
  if (file) return one(file, `${describePin(parseToolchainName(file.value))} from \`${tf?.file.path}\``);
  const job = ctx.toolchains;
  if (job.length > 0) return { pins: job.map((t) => parseToolchainName(t.value)), described: `${list(job)}, which ${label} installs`, span: job[0]?.span, at: job.map((t) => t.span) };
  if (ctx.source === 'workflow') return { pins: [{ kind: 'floating', channel: 'stable' }], described: "the runner's preinstalled stable Rust (the job installs no other toolchain)", at: [] };
  const active = activeToolchain(ws, tools);
  return { pins: [active.pin], described: describePin(active.pin), span: active.span, at: active.span ? [active.span] : [] };
}

const JOB_WORD: Record<CiContext['source'], string> = {
  workflow: 'job',
  dockerfile: 'stage',
  makefile: 'make target',
  justfile: 'recipe',
  'cargo-make': 'task',
  script: 'script',
  'package-json': 'npm script',
  'tool-versions': 'file',
  mise: 'file',
  nix: 'file',
};

/** "job `build`", "stage `builder`", "npm script `wasm`"; undefined when the command has no such name. */
export const ciJobLabel = (c: CiContext): string | undefined => (c.job ? `${JOB_WORD[c.source]} \`${c.job}\`` : undefined);

/** "`.github/workflows/ci.yml` installs <what> with `taiki-e/install-action` (job `build`)" */
export function describeCiPin(pin: ToolPin, what: string): string {
  const job = ciJobLabel(pin.context);
  return `\`${pin.context.file.path}\` installs ${what} with \`${pin.via}\`${job ? ` (${job})` : ''}`;
}

/** Whether `text` appears where settings reach the context's commands: its scope, else its whole file. */
const contextMentions = (ctx: CiContext, text: string): boolean => scopeText(ctx).some((t) => t.includes(text));

/** The text of a context's scope, else of its whole file. */
const scopeText = (ctx: CiContext): string[] => (ctx.scope ?? [{ start: 0, end: ctx.file.text.length }]).map((s) => ctx.file.text.slice(s.start, s.end));

/** How another file starts a job of this kind with its own environment (besides naming the file). */
const RUNNERS: Partial<Record<CiSource, RegExp>> = {
  makefile: /\bmake\b/,
  justfile: /\bjust\b/,
  'cargo-make': /\bcargo[ \t]+make\b|\bmakers\b/,
  'package-json': /\b(?:npm|pnpm|yarn|bun)\b/,
  dockerfile: /\b(?:docker|podman|buildah)\b/,
};

/** A file that passes the flag may run this job's file and hand its environment down. */
const runByAny = (ctx: CiContext, files: readonly SourceFile[]): boolean =>
  ctx.source !== 'workflow' && files.some((f) => f.id !== ctx.file.id && (f.text.includes(basename(ctx.file.path)) || (RUNNERS[ctx.source]?.test(f.text) ?? false)));

/** Commands that run a job's commands inside a Nix shell, whose environment the Nix file sets. */
const NIX_SHELL = /\bnix[ \t]+(?:develop|shell)\b|\bnix-shell\b|\bdevenv[ \t]+shell\b|\bdirenv[ \t]+exec\b/;

/** The job enters a Nix shell and a Nix file passes the flag: its environment may reach the job's builds. */
const inNixShell = (ctx: CiContext, files: readonly SourceFile[]): boolean =>
  files.some((f) => f.path.endsWith('.nix')) && scopeText(ctx).some((t) => NIX_SHELL.test(t));

export interface FlagOutsideCargo {
  /** files other than Cargo's that mention the flag (CI, Dockerfiles, Makefiles, scripts) */
  readonly mentioned: readonly SourceFile[];
  /** `--target <triple>` builds of this workspace that no mention reaches */
  readonly uncovered: readonly TargetUse[];
}

/**
 * Where a rustc flag passed outside Cargo's config (`RUSTFLAGS`, `CARGO_ENCODED_RUSTFLAGS`) counts:
 * for the builds of the job, stage or script that mentions it, of the scripts, Makefiles and
 * Dockerfiles a mentioning file may run, and of jobs that enter a Nix shell when a Nix file mentions it. A `--target <triple>` build elsewhere is `uncovered`.
 */
export function flagOutsideCargo(project: Project, ws: Workspace, triple: string, text: string): FlagOutsideCargo {
  const mentioned = filesMentioning(project, ws, text);
  if (mentioned.length === 0) return { mentioned, uncovered: [] };
  const uncovered = ciTargetUses(project, ws).filter((t) => t.kind === 'target-flag' && t.target === triple && !contextMentions(t.context, text) && !runByAny(t.context, mentioned) && !inNixShell(t.context, mentioned));
  return { mentioned, uncovered };
}

/**
 * A finding about a flag with, when some build is uncovered, a label at that build command and a
 * note naming where the flag is passed instead.
 */
export function withUncovered(finding: Finding, reach: FlagOutsideCargo, flag: string): Finding {
  const use = reach.uncovered[0];
  if (!use) return finding;
  const where = [...new Set(reach.mentioned.map((f) => `\`${f.path}\``))].join(', ');
  const job = ciJobLabel(use.context);
  return {
    ...finding,
    labels: [...(finding.labels ?? []), secondary(use.span, `built here without \`${flag}\``)],
    notes: [
      ...(finding.notes ?? []),
      `\`${flag}\` is passed in ${where}, which does not reach this build in \`${use.context.file.path}\`${job ? ` (${job})` : ''}: a \`RUSTFLAGS\` setting counts only for its own job, stage or script`,
    ],
  };
}
