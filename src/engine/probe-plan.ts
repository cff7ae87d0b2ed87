/**
 * Which rustc answers for each workspace. rustup picks the toolchain per directory (rustup book,
 * overrides.md@0878429: `+toolchain`, then `RUSTUP_TOOLCHAIN`, then the nearest directory override
 * or rust-toolchain file, then the default), so a workspace with its own rust-toolchain file may get
 * another rustc than the project root. The plan is made from the files alone, without running
 * anything: workspaces whose files select the same toolchain share one probe.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProbeResult, ToolSet } from '../probe/types.ts';
import { toolSetFrom } from '../probe/stub.ts';
import { SourceMap } from '../syntax/source.ts';
import { asTable, get, parseToml } from '../syntax/toml/toml.ts';
import { within } from '../paths.ts';
import type { Project, ToolchainFile, Workspace } from '../workspace/model.ts';
import { TOOLCHAIN_FILES } from '../workspace/toolchain.ts';

/** Runs `rustc` with `dir` as its working directory. */
export type RustcProbe = (dir: string) => Promise<ProbeResult>;

/** The tools each workspace sees: `base` (probed at the root) with rustc probed again where a rust-toolchain file below the root may select another toolchain. */
export async function workspaceTools(project: Project, base: ToolSet, probeRustc: RustcProbe, env: NodeJS.ProcessEnv): Promise<(ws: Workspace) => ToolSet> {
  // The environment variable outranks every file: all directories get the root's toolchain.
  if (env['RUSTUP_TOOLCHAIN']) return () => base;
  const files = new Map<string, ToolchainFile>();
  for (const ws of project.workspaces) if (ws.toolchainFile && ws.toolchainFile.dir !== project.root) files.set(ws.toolchainFile.dir, ws.toolchainFile);
  const perDirectory = overridesWithin(project.root, env);
  const groups = new Map<string, string[]>();
  for (const file of files.values()) {
    const key = perDirectory ? `dir:${file.dir}` : selectionKey(file, project.root);
    groups.set(key, [...(groups.get(key) ?? []), file.dir]);
  }
  const byDir = new Map<string, ToolSet>();
  const withRustc = (rustc: ProbeResult): ToolSet => toolSetFrom([...base.all().filter((t) => t.tool !== 'rustc'), rustc]);
  await Promise.all(
    [...groups.values()].map(async (dirs) => {
      const shared = await probeRustc(dirs[0] as string);
      const tools = withRustc(shared);
      // A failure may name the directory it happened in; only an answer is shared.
      await Promise.all(dirs.map(async (dir, i) => byDir.set(dir, shared.ok || i === 0 ? tools : withRustc(await probeRustc(dir)))));
    }),
  );
  return (ws) => (ws.toolchainFile && byDir.get(ws.toolchainFile.dir)) || base;
}

/**
 * Equal keys select the same toolchain. A channel name selects itself wherever the file is. A file
 * without `channel` or `path` selects the same toolchain as any other such file whose nearest
 * toolchain file above (or none) is the same: rustup stops its walk at the file either way, so the
 * outcome depends only on what lies above it. Anything else (a path, both file names in one
 * directory, where rustup and wasm-doctor read different files) is keyed by its directory.
 */
function selectionKey(file: ToolchainFile, root: string): string {
  const byDir = `dir:${file.dir}`;
  if (TOOLCHAIN_FILES.every((name) => existsSync(join(file.dir, name)))) return byDir;
  const channel = file.channel?.value;
  if (channel !== undefined) return /[\\/]/.test(channel) ? byDir : `channel:${channel}`;
  if (file.path !== undefined) return byDir;
  return `unnamed:${toolchainDirAbove(file.dir, root) ?? ''}`;
}

/** The nearest directory above `dir`, up to the root, holding a rust-toolchain file. */
function toolchainDirAbove(dir: string, root: string): string | undefined {
  for (let d = dirname(dir); within(root, d); d = dirname(d)) {
    if (TOOLCHAIN_FILES.some((name) => existsSync(join(d, name)))) return d;
    if (d === root || dirname(d) === d) break;
  }
  return undefined;
}

/**
 * True when rustup's settings hold a directory override inside the project (or cannot be read as
 * TOML): overrides are checked in every directory of rustup's walk, so then each rust-toolchain
 * directory is probed on its own.
 */
function overridesWithin(root: string, env: NodeJS.ProcessEnv): boolean {
  const home = env['RUSTUP_HOME'] || join(env['HOME'] || homedir(), '.rustup');
  const settings = join(home, 'settings.toml');
  let text: string;
  try {
    text = readFileSync(settings, 'utf8');
  } catch {
    return false;
  }
  const parsed = parseToml(new SourceMap().add(settings, settings, text));
  if (!parsed.ok) return true;
  const overrides = asTable(get(parsed.root, 'overrides'));
  return [...(overrides?.entries.keys() ?? [])].some((dir) => within(root, dir));
}
