/**
 * Which rustc answers for each workspace. rustup picks the toolchain per directory (rustup book,
 * overrides.md@0878429: `+toolchain`, then `RUSTUP_TOOLCHAIN`, then the nearest directory override
 * or rust-toolchain file, then the default), so a workspace with its own rust-toolchain file may get
 * another rustc than the project root. The plan is made from the files alone, without running
 * anything, and each probe starts the moment the loader reads a rust-toolchain file, so the probes
 * run while the rest of the project is read: workspaces whose files select the same toolchain
 * share one probe, and files that select what the root selects share the root's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProbeResult, ToolSet } from '../probe/types.ts';
import { toolSetFrom } from '../probe/stub.ts';
import { SourceMap } from '../syntax/source.ts';
import { asTable, get, parseToml } from '../syntax/toml/toml.ts';
import { within } from '../paths.ts';
import type { ToolchainFile, Workspace } from '../workspace/model.ts';
import { TOOLCHAIN_FILES } from '../workspace/toolchain.ts';

/** Runs `rustc` with `dir` as its working directory. */
export type RustcProbe = (dir: string) => Promise<ProbeResult>;

/** The selection key of the files that select whatever the root's own probe selects. */
const ROOT = 'root';

export class ToolchainProbes {
  private readonly root: string;
  private readonly probeRustc: RustcProbe;
  /** `RUSTUP_TOOLCHAIN` outranks every file: all directories get the root's toolchain. */
  private readonly fromEnv: boolean;
  /** A rustup directory override inside the project: every rust-toolchain directory is probed on its own. */
  private readonly perDirectory: boolean;
  /** Nothing at or above the root selects a toolchain, so the root's probe answers with the default one. */
  private readonly rootIsDefault: boolean;
  /** Directories by selection key, with the probe of the first one. */
  private readonly groups = new Map<string, { readonly dirs: string[]; readonly probe?: Promise<ProbeResult> }>();
  private readonly seen = new Set<string>();

  constructor(root: string, probeRustc: RustcProbe, env: NodeJS.ProcessEnv) {
    this.root = root;
    this.probeRustc = probeRustc;
    this.fromEnv = Boolean(env['RUSTUP_TOOLCHAIN']);
    const overrides = rustupOverrides(env);
    this.perDirectory = overrides === undefined || overrides.some((dir) => within(root, dir));
    this.rootIsDefault = overrides !== undefined && !overrides.some((dir) => within(dir, root)) && toolchainDirAtOrAbove(root) === undefined;
  }

  /** A workspace's rust-toolchain file, as the loader reads it: its probe starts now unless one that selects the same toolchain runs. */
  add(file: ToolchainFile): void {
    if (this.fromEnv || file.dir === this.root || this.seen.has(file.dir)) return;
    this.seen.add(file.dir);
    const key = this.perDirectory ? `dir:${file.dir}` : this.selectionKey(file);
    const group = this.groups.get(key);
    if (group) group.dirs.push(file.dir);
    else this.groups.set(key, { dirs: [file.dir], ...(key === ROOT ? {} : { probe: this.probeRustc(file.dir) }) });
  }

  /** The tools each workspace sees: `base` (probed at the root), with the rustc of its rust-toolchain file's selection. */
  async toolsFor(base: ToolSet): Promise<(ws: Workspace) => ToolSet> {
    const byDir = new Map<string, ToolSet>();
    const withRustc = (rustc: ProbeResult): ToolSet => toolSetFrom([...base.all().filter((t) => t.tool !== 'rustc'), rustc]);
    await Promise.all(
      [...this.groups.values()].map(async ({ dirs, probe }) => {
        const shared = probe ? await probe : base.get('rustc');
        const tools = probe ? withRustc(shared) : base;
        // A failure may name the directory it happened in; only an answer is shared.
        await Promise.all(dirs.map(async (dir, i) => byDir.set(dir, shared.ok || (i === 0 && probe) ? tools : withRustc(await this.probeRustc(dir)))));
      }),
    );
    return (ws) => (ws.toolchainFile && byDir.get(ws.toolchainFile.dir)) || base;
  }

  /**
   * Equal keys select the same toolchain. A channel name selects itself wherever the file is. A file
   * without `channel` or `path` selects the same toolchain as any other such file whose nearest
   * toolchain file above (or none) is the same: rustup stops its walk at the file either way, so the
   * outcome depends only on what lies above it; with nothing above it up to a root that selects the
   * default toolchain, it selects what the root does. Anything else (a path, both file names in one
   * directory, where rustup and wasm-doctor read different files) is keyed by its directory.
   */
  private selectionKey(file: ToolchainFile): string {
    const byDir = `dir:${file.dir}`;
    if (TOOLCHAIN_FILES.every((name) => existsSync(join(file.dir, name)))) return byDir;
    const channel = file.channel?.value;
    if (channel !== undefined) return /[\\/]/.test(channel) ? byDir : `channel:${channel}`;
    if (file.path !== undefined) return byDir;
    const above = toolchainDirAbove(file.dir, this.root);
    return above === undefined && this.rootIsDefault ? ROOT : `unnamed:${above ?? ''}`;
  }
}

/** The nearest directory above `dir`, up to the root, holding a rust-toolchain file. */
function toolchainDirAbove(dir: string, root: string): string | undefined {
  for (let d = dirname(dir); within(root, d); d = dirname(d)) {
    if (hasToolchainFile(d)) return d;
    if (d === root || dirname(d) === d) break;
  }
  return undefined;
}

/** The nearest directory at or above `dir`, up to the filesystem root, holding a rust-toolchain file. */
function toolchainDirAtOrAbove(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (hasToolchainFile(d)) return d;
    if (dirname(d) === d) return undefined;
  }
}

const hasToolchainFile = (dir: string): boolean => TOOLCHAIN_FILES.some((name) => existsSync(join(dir, name)));

/**
 * The directories of rustup's directory overrides (`rustup override set`), from its settings file:
 * none without the file, undefined when it cannot be read as TOML (then nothing is assumed).
 */
function rustupOverrides(env: NodeJS.ProcessEnv): string[] | undefined {
  const home = env['RUSTUP_HOME'] || join(env['HOME'] || homedir(), '.rustup');
  const settings = join(home, 'settings.toml');
  let text: string;
  try {
    text = readFileSync(settings, 'utf8');
  } catch {
    return [];
  }
  const parsed = parseToml(new SourceMap().add(settings, settings, text));
  if (!parsed.ok) return undefined;
  return [...(asTable(get(parsed.root, 'overrides'))?.entries.keys() ?? [])];
}
