/**
 * Which workspace a CI pin or target use is about, and which toolchain runs it. Rules run once per
 * workspace; each CI item belongs to at most one, so it is reported once (true or silent).
 */
import { sep } from 'node:path';
import { parseToolchainName, describePin, type ToolchainPin } from '../kb/rust.ts';
import type { ToolSet } from '../probe/types.ts';
import type { Span } from '../syntax/span.ts';
import type { CiContext, CiPlace, CiTool, Located, Project, TargetUse, ToolPin, Workspace } from '../workspace/model.ts';
import { activeToolchain } from './workspace-queries.ts';

const within = (parent: string, child: string): boolean => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

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

export interface CiToolchain {
  readonly pins: readonly ToolchainPin[];
  /** where the toolchain comes from, for notes */
  readonly described: string;
  /** the lines that pin it, one per pin (`cargo +X`, the toolchain file's channel, the job's toolchain); empty for a default */
  readonly at: readonly Span[];
}

/**
 * The toolchain(s) a CI/build command runs with, in rustup's order: `cargo +X`, then the
 * workspace's rust-toolchain file (it overrides the default a job installs), then the job's or
 * stage's toolchain (`dtolnay/rust-toolchain`, `FROM rust:X`, `rustup default`), then, on a
 * GitHub runner, the preinstalled stable; elsewhere the workspace's active toolchain.
 */
export function ciToolchain(ws: Workspace, tools: ToolSet, use: TargetUse): CiToolchain {
  const list = (ls: readonly Located<string>[]) => ls.map((l) => `\`${l.value}\``).join(', ');
  if (use.toolchain) return { pins: [parseToolchainName(use.toolchain.value)], described: `\`cargo +${use.toolchain.value}\``, at: [use.toolchain.span] };
  const file = ws.toolchainFile?.channel;
  if (file) return { pins: [parseToolchainName(file.value)], described: `${describePin(parseToolchainName(file.value))} from \`${ws.toolchainFile?.file.path}\``, at: [file.span] };
  const job = use.context.toolchains;
  if (job.length > 0) return { pins: job.map((t) => parseToolchainName(t.value)), described: `${list(job)}, which ${ciJobLabel(use.context) ?? 'this file'} installs`, at: job.map((t) => t.span) };
  if (use.context.source === 'workflow') return { pins: [{ kind: 'floating', channel: 'stable' }], described: "the runner's preinstalled stable Rust (the job installs no other toolchain)", at: [] };
  const active = activeToolchain(ws, tools);
  return { pins: [active.pin], described: describePin(active.pin), at: active.span ? [active.span] : [] };
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
};

/** "job `build`", "stage `builder`", "npm script `wasm`"; undefined when the command has no such name. */
export const ciJobLabel = (c: CiContext): string | undefined => (c.job ? `${JOB_WORD[c.source]} \`${c.job}\`` : undefined);

/** "`.github/workflows/ci.yml` installs <what> with `taiki-e/install-action` (job `build`)" */
export function describeCiPin(pin: ToolPin, what: string): string {
  const job = ciJobLabel(pin.context);
  return `\`${pin.context.file.path}\` installs ${what} with \`${pin.via}\`${job ? ` (${job})` : ''}`;
}
