/**
 * Finds and reads the Cargo projects under a directory (design.md §2.2 `project/discover.ts`):
 * walks up to the workspace root as cargo does, then discovers every Cargo project below it,
 * skipping `target/`, `node_modules/`, `.git/` and members of workspaces already found.
 * Every file problem becomes a LoadIssue; nothing here throws for bad project input.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.ts';
import { readCargoConfig, CARGO_CONFIG_FILES } from './cargo-config.ts';
import { ciFileKind, readCi } from '../ci/load.ts';
import { DirIndex } from './dir-index.ts';
import { globMatches, hasGlob, isExcludedPath, normalizeRel } from './glob.ts';
import { parseLockfile } from './lockfile.ts';
import { readManifest, readWorkspaceDecl } from './manifest.ts';
import type { CargoConfig, TextFile, Lockfile, Manifest, Project, ToolchainFile, TrunkConfig, Workspace, WorkspaceDecl } from './model.ts';
import { readText, type ReadToml } from './read.ts';
import { needsRustSources, rustFilesOf } from './rust-sources.ts';
import { SourceMap, type SourceFile } from '../syntax/source.ts';
import { isBareChannelFile, readBareChannel, readToolchainToml, TOOLCHAIN_FILES } from './toolchain.ts';
import { parseToml, type TomlTable } from '../syntax/toml/toml.ts';
import { readTrunk, TRUNK_FILES } from './trunk.ts';
import { within } from '../paths.ts';

export type LoadIssueRule = 'core/invalid-toml' | 'core/invalid-yaml' | 'core/unreadable-file' | 'core/workspace-member-missing' | 'core/lockfile-unsupported';

export interface LoadIssue {
  readonly rule: LoadIssueRule;
  readonly file: SourceFile;
  readonly offset: number;
  readonly message: string;
  readonly notes?: readonly string[];
}

export interface Loaded {
  readonly project: Project;
  readonly issues: readonly LoadIssue[];
}

const SKIP_DIRS = new Set(['.git', 'target', 'node_modules', '.hg', '.svn']);
/** Cargo.lock format versions cargo writes today. */
const KNOWN_LOCK_VERSIONS = new Set([1, 2, 3, 4]);

/**
 * `[workspace]` tables of manifests read while looking for workspace roots, by path. One run
 * (resolveRoot, then loadProject) shares one; a new run starts empty, so edits made by `--fix`
 * between runs are seen.
 */
export type ManifestPeeks = Map<string, Promise<WorkspaceDecl | undefined>>;

/** The directory reports are relative to: DIR, or the root of the workspace DIR is inside. */
export async function resolveRoot(dirArg: string, peeks: ManifestPeeks = new Map()): Promise<string> {
  const given = resolve(dirArg);
  // A manifest path (`path/to/Cargo.toml`, as cargo's --manifest-path takes) means its directory.
  const dir = basename(given) === 'Cargo.toml' && existsSync(given) && statSync(given).isFile() ? dirname(given) : given;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`\`${dirArg}\` is not a directory`);
  return findReportRoot(dir, peeks);
}

export interface LoadOptions {
  /** the registry to add files to (the config's files may be in it already) */
  readonly sources?: SourceMap;
  /** root-relative globs (`exclude` in the config): nothing at or below them is read */
  readonly exclude?: readonly string[];
  /** told of each workspace's rust-toolchain file as soon as it is read */
  readonly onToolchainFile?: (file: ToolchainFile) => void;
}

/** Reads every Cargo project at or below `root` (from resolveRoot). */
export async function loadProject(root: string, peeks: ManifestPeeks = new Map(), opts: LoadOptions = {}): Promise<Loaded> {
  const excluded = (abs: string): boolean => within(root, abs) && isExcludedPath(opts.exclude ?? [], toRel(root, abs));
  const index = new DirIndex();
  const { manifests, ciFiles, excludedAny } = scanTree(root, excluded, index);
  const loader = new Loader(root, peeks, opts.sources ?? new SourceMap(), excluded, index, opts.onToolchainFile);
  // Everything excluded is a clean run, not a usage error: the user chose not to check it.
  if (manifests.length === 0 && !excludedAny) throw new UsageError(`no Cargo project (Cargo.toml) found in \`${root}\` or below it`);
  const workspaces = await loader.buildAll(manifests);
  // CI files belong to the repository that holds the Cargo project, wherever the scan started.
  const repos = workspaces.map((w) => w.repoDir).filter((d): d is string => d !== undefined && within(root, d));
  await turn();
  const ci = await readCi(ciFiles, [root, ...workspaces.map((w) => w.dir), ...repos], loader);
  return { project: { root, sources: loader.sources, workspaces, ci }, issues: loader.issues };
}

/** DIR itself, or the workspace root of the package DIR is in (cargo's upward search). */
async function findReportRoot(dir: string, peeks: ManifestPeeks): Promise<string> {
  let manifestDir: string | undefined;
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'Cargo.toml'))) {
      manifestDir = d;
      break;
    }
    if (d === dir && existsSync(join(d, '.git'))) return dir;
    if (existsSync(join(d, '.git')) || dirname(d) === d) return dir;
  }
  const wsRoot = await workspaceRootOf(manifestDir, undefined, (manifest) => peekWorkspaceDecl(manifest, peeks));
  return wsRoot ?? manifestDir;
}

/** The nearest ancestor whose `[workspace]` includes the package at `pkgDir` (cargo stops at the first `[workspace]`). */
async function workspaceRootOf(pkgDir: string, boundary: string | undefined, declOf: (manifest: string) => Promise<WorkspaceDecl | undefined>): Promise<string | undefined> {
  for (let d = dirname(pkgDir); ; d = dirname(d)) {
    if (boundary !== undefined && !within(boundary, d)) return undefined;
    const ws = await declOf(join(d, 'Cargo.toml'));
    if (ws) return isMember(ws, d, pkgDir) ? d : undefined;
    if (dirname(d) === d) return undefined;
  }
}

/** The `[workspace]` of a manifest outside the source registry (spans are not used); read once per path and run. */
function peekWorkspaceDecl(manifest: string, peeks: ManifestPeeks): Promise<WorkspaceDecl | undefined> {
  let p = peeks.get(manifest);
  if (!p) {
    p = readWorkspaceDeclOf(manifest);
    peeks.set(manifest, p);
  }
  return p;
}

async function readWorkspaceDeclOf(manifest: string): Promise<WorkspaceDecl | undefined> {
  if (!existsSync(manifest)) return undefined;
  const read = await readText(manifest);
  if (!read.ok) return undefined;
  const parsed = parseToml(new SourceMap().add(manifest, manifest, read.text));
  return parsed.ok ? readWorkspaceDecl(parsed.root, dirname(manifest)) : undefined;
}

function isExcluded(ws: WorkspaceDecl, wsDir: string, pkgDir: string): boolean {
  return excludedRel(matcherOf(ws), toRel(wsDir, pkgDir));
}

function isMember(ws: WorkspaceDecl, wsDir: string, pkgDir: string): boolean {
  const m = matcherOf(ws);
  const rel = normalizeRel(toRel(wsDir, pkgDir));
  return !excludedRel(m, rel) && (m.plain.has(rel) || m.globs.some((g) => globMatches(g, rel)));
}

/** A workspace's `members` and `exclude`, normalized once: every package of a monorepo is tested against them. */
interface MemberMatcher {
  readonly plain: ReadonlySet<string>;
  readonly globs: readonly string[];
  readonly exclude: readonly string[];
}

const matchers = new WeakMap<WorkspaceDecl, MemberMatcher>();

function matcherOf(ws: WorkspaceDecl): MemberMatcher {
  let m = matchers.get(ws);
  if (!m) {
    const members = ws.members.map((e) => e.value);
    m = {
      plain: new Set(members.filter((p) => !hasGlob(p)).map(normalizeRel)),
      globs: members.filter(hasGlob),
      exclude: ws.exclude.map((e) => normalizeRel(e.value)),
    };
    matchers.set(ws, m);
  }
  return m;
}

const excludedRel = (m: MemberMatcher, rel: string): boolean => m.exclude.some((ex) => rel === ex || rel.startsWith(`${ex}/`));

/** The nearest directory at or above `dir` with a `.git` (a directory, or a file in a worktree or submodule). */
function gitRepoOf(dir: string, index: DirIndex): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (index.exists(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

const toRel = (from: string, to: string): string => relative(from, to).split(sep).join('/');

/**
 * Every directory below `root` holding a Cargo.toml (shallowest first, then by path), and every
 * CI/build file, leaving out excluded paths. There is no cap: symbolic links to directories are not
 * followed (a directory entry that is a link is neither a directory nor a file here), so the walk
 * ends with the tree.
 */
function scanTree(root: string, excluded: (abs: string) => boolean, index: DirIndex): { manifests: string[]; ciFiles: string[]; excludedAny: boolean } {
  const found: string[] = [];
  const ciFiles: string[] = [];
  let excludedAny = false;
  const queue = [root];
  for (let next = 0; next < queue.length; next++) {
    const d = queue[next] as string;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    index.add(d, entries);
    for (const e of entries) {
      if (excluded(join(d, e.name))) {
        excludedAny = true;
        continue;
      }
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) queue.push(join(d, e.name));
      } else if (e.name === 'Cargo.toml') found.push(d);
      else if (ciFileKind(join(d, e.name))) ciFiles.push(join(d, e.name));
    }
  }
  return { manifests: found, ciFiles, excludedAny };
}

class Loader {
  readonly issues: LoadIssue[] = [];
  private readonly tomlCache = new Map<string, Promise<ReadToml | undefined>>();
  private readonly toolchains = new Map<string, Promise<ToolchainFile | undefined>>();
  private readonly decls = new Map<string, Promise<WorkspaceDecl | undefined>>();

  private readonly rootDir: string;
  private readonly peeks: ManifestPeeks;
  readonly sources: SourceMap;
  private readonly excluded: (abs: string) => boolean;
  private readonly index: DirIndex;
  private readonly onToolchainFile: (file: ToolchainFile) => void;

  constructor(rootDir: string, peeks: ManifestPeeks, sources: SourceMap, excluded: (abs: string) => boolean, index: DirIndex, onToolchainFile?: (file: ToolchainFile) => void) {
    this.rootDir = rootDir;
    this.peeks = peeks;
    this.sources = sources;
    this.excluded = excluded;
    this.index = index;
    this.onToolchainFile = onToolchainFile ?? (() => {});
  }

  rel(abs: string): string {
    return toRel(this.rootDir, abs);
  }

  private register(abs: string, text: string): SourceFile {
    return this.sources.add(this.rel(abs), abs, text);
  }

  /** Reads a text file; a missing or excluded file is silent, any other failure an issue. */
  async text(abs: string): Promise<SourceFile | undefined> {
    if (this.excluded(abs)) return undefined;
    const read = await readText(abs);
    if (read.ok) return this.register(abs, read.text);
    if (!read.missing || existsSyncLink(abs)) {
      this.issues.push({ rule: 'core/unreadable-file', file: this.register(abs, ''), offset: 0, message: `\`${this.rel(abs)}\` ${read.message}` });
    }
    return undefined;
  }

  invalidYaml(file: SourceFile, offset: number, message: string): void {
    if (!isTemplate(file.text)) this.issues.push({ rule: 'core/invalid-yaml', file, offset, message });
  }

  toml(abs: string): Promise<ReadToml | undefined> {
    let p = this.tomlCache.get(abs);
    if (!p) {
      p = this.text(abs).then((file) => {
        if (!file) return undefined;
        const parsed = parseToml(file);
        if (parsed.ok) return { file, toml: parsed.root, toml11: parsed.toml11 ?? [] };
        if (isTemplate(file.text)) return undefined;
        this.issues.push({ rule: 'core/invalid-toml', file, offset: parsed.error.offset, message: `\`${file.path}\` is not valid TOML: ${parsed.error.message}` });
        return undefined;
      });
      this.tomlCache.set(abs, p);
    }
    return p;
  }

  async buildAll(manifestDirs: readonly string[]): Promise<Workspace[]> {
    const parsed = new Map<string, { file: SourceFile; toml: TomlTable } | undefined>();
    await Promise.all(manifestDirs.map(async (d) => parsed.set(d, await this.toml(join(d, 'Cargo.toml')))));
    await turn();
    const roots = await Promise.all(manifestDirs.map(async (d) => (await workspaceRootOf(d, this.rootDir, (manifest) => this.workspaceDecl(manifest))) ?? d));
    // The rust-toolchain files first: whoever listens starts the rustc probes they select now,
    // and they run while the workspaces are read one by one.
    for (const r of new Set(roots)) void this.toolchain(r);
    const assigned = new Set<string>();
    const workspaces: Workspace[] = [];
    for (const [i, d] of manifestDirs.entries()) {
      if (assigned.has(d)) continue;
      await turn();
      const rootDir = roots[i] as string;
      if (assigned.has(rootDir)) {
        assigned.add(d);
        continue;
      }
      const ws = await this.buildWorkspace(rootDir);
      if (!ws) {
        assigned.add(d);
        continue;
      }
      for (const m of ws.members) assigned.add(m.dir);
      assigned.add(rootDir);
      workspaces.push(ws);
    }
    return workspaces;
  }

  private async buildWorkspace(dir: string): Promise<Workspace | undefined> {
    const rootToml = await this.toml(join(dir, 'Cargo.toml'));
    if (!rootToml) return undefined;
    const decl = await this.workspaceDecl(join(dir, 'Cargo.toml'));
    const root = readManifest(rootToml, dir, undefined);
    const members: Manifest[] = root.packageName ? [root] : [];
    if (decl) members.push(...(await this.readMembers(dir, decl)));
    const memberDirs = [...new Set(members.map((m) => m.dir).concat(dir))];
    const [lockfile, trunk, cargoConfigs, toolchainFile, html, packageJsons, rustSources] = await Promise.all([
      this.lockfile(dir),
      this.collect(memberDirs, (d) => this.trunk(d)),
      this.cargoConfigs(dir, memberDirs),
      this.toolchain(dir),
      this.collect(memberDirs, (d) => this.textIn(d, 'index.html')),
      this.collect(memberDirs, (d) => this.textIn(d, 'package.json')),
      this.rustSources(members),
    ]);
    return { dir, repoDir: gitRepoOf(dir, this.index), root, members, lockfile, trunk, cargoConfigs, toolchainFile, html, packageJsons, rustSources };
  }

  /**
   * The `[workspace]` of a manifest: one inside the report root is read like every other file
   * (registered, parsed once); one above it is only peeked at.
   */
  private workspaceDecl(manifest: string): Promise<WorkspaceDecl | undefined> {
    if (!within(this.rootDir, manifest)) return peekWorkspaceDecl(manifest, this.peeks);
    let p = this.decls.get(manifest);
    if (!p) {
      p = this.index.exists(manifest) ? this.toml(manifest).then((t) => t && readWorkspaceDecl(t.toml, dirname(manifest))) : Promise.resolve(undefined);
      this.decls.set(manifest, p);
    }
    return p;
  }

  private async collect<T>(dirs: readonly string[], read: (d: string) => Promise<T | undefined>): Promise<T[]> {
    const all = await Promise.all(dirs.map(read));
    return all.filter((x): x is Awaited<T> => x !== undefined) as T[];
  }

  private async readMembers(dir: string, decl: WorkspaceDecl): Promise<Manifest[]> {
    const dirs = new Set<string>();
    for (const m of decl.members) {
      const matches = expandMember(dir, m.value, this.index);
      if (matches.length === 0 && !hasGlob(m.value)) {
        const file = this.sources.byAbsPath(join(dir, 'Cargo.toml'));
        if (file) this.issues.push({ rule: 'core/workspace-member-missing', file, offset: m.span.start, message: `workspace member \`${m.value}\` has no Cargo.toml` });
      }
      for (const d of matches) if (d !== dir && !isExcluded(decl, dir, d)) dirs.add(d);
    }
    const members: Manifest[] = [];
    const done = new Set<string>([dir]);
    let pending = [...dirs];
    // Path dependencies inside the workspace directory are members too, as cargo makes them.
    while (pending.length > 0) {
      for (const d of pending) done.add(d);
      const read = await Promise.all(
        pending.map(async (d) => {
          const t = await this.toml(join(d, 'Cargo.toml'));
          return t ? readManifest(t, d, decl) : undefined;
        }),
      );
      const next = new Set<string>();
      for (const m of read) {
        if (!m) continue;
        members.push(m);
        for (const dep of m.dependencies) {
          const p = dep.pathDir;
          if (p && !done.has(p) && within(dir, p) && !isExcluded(decl, dir, p) && this.index.exists(join(p, 'Cargo.toml'))) next.add(p);
        }
      }
      pending = [...next];
    }
    return members.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  }

  /** Source files of the members that need them; one that cannot be read is simply not evidence. */
  private async rustSources(members: readonly Manifest[]): Promise<Map<string, SourceFile[]>> {
    const out = new Map<string, SourceFile[]>();
    await Promise.all(
      members.filter(needsRustSources).map(async (m) => {
        const read = await Promise.all(rustFilesOf(m.dir).map(async (abs) => ({ abs, read: await readText(abs) })));
        out.set(m.dir, read.flatMap((r) => (r.read.ok ? [this.register(r.abs, r.read.text)] : [])));
      }),
    );
    return out;
  }

  private async lockfile(dir: string): Promise<Lockfile | undefined> {
    const file = await this.text(join(dir, 'Cargo.lock'));
    if (!file) return undefined;
    const parsed = await parseLockfile(file);
    if (!parsed.ok) {
      this.issues.push({ rule: 'core/invalid-toml', file, offset: parsed.error.offset, message: `\`${file.path}\` is not valid TOML: ${parsed.error.message}` });
      return undefined;
    }
    if (!KNOWN_LOCK_VERSIONS.has(parsed.lockfile.version)) {
      this.issues.push({
        rule: 'core/lockfile-unsupported',
        file,
        offset: Math.max(0, file.text.indexOf('version')),
        message: `\`${file.path}\` has lockfile format version ${parsed.lockfile.version}, which wasm-doctor does not know`,
        notes: ['the lockfile was read as if it had the version 4 layout; findings based on it may be incomplete'],
      });
    }
    return parsed.lockfile;
  }

  private async trunk(dir: string): Promise<TrunkConfig | undefined> {
    for (const name of TRUNK_FILES) {
      const abs = join(dir, name);
      if (!this.index.exists(abs)) continue;
      const t = await this.toml(abs);
      return t ? readTrunk(t.file, dir, t.toml) : undefined;
    }
    return undefined;
  }

  private async textIn(dir: string, name: string): Promise<TextFile | undefined> {
    const abs = join(dir, name);
    if (!this.index.exists(abs)) return undefined;
    const file = await this.text(abs);
    return file ? { file, dir } : undefined;
  }

  /** Directories from `dir` up to the report root, nearest first. */
  private upToRoot(dir: string): string[] {
    const out: string[] = [];
    for (let d = dir; within(this.rootDir, d); d = dirname(d)) {
      out.push(d);
      if (d === this.rootDir || dirname(d) === d) break;
    }
    return out;
  }

  private async cargoConfigs(wsDir: string, memberDirs: readonly string[]): Promise<CargoConfig[]> {
    const dirs = [...new Set([...memberDirs.filter((d) => d !== wsDir), ...this.upToRoot(wsDir)])];
    return this.collect(dirs, async (d) => {
      const name = CARGO_CONFIG_FILES.find((n) => this.index.exists(join(d, n)));
      if (!name) return undefined;
      const t = await this.toml(join(d, name));
      return t ? readCargoConfig(t, d) : undefined;
    });
  }

  /** The rust-toolchain file that applies in a workspace directory, read once per directory. */
  private toolchain(wsDir: string): Promise<ToolchainFile | undefined> {
    let p = this.toolchains.get(wsDir);
    if (!p) {
      p = this.toolchainFile(wsDir).then((file) => {
        if (file) this.onToolchainFile(file);
        return file;
      });
      this.toolchains.set(wsDir, p);
    }
    return p;
  }

  private async toolchainFile(wsDir: string): Promise<ToolchainFile | undefined> {
    for (const d of this.upToRoot(wsDir)) {
      const name = TOOLCHAIN_FILES.find((n) => this.index.exists(join(d, n)));
      if (!name) continue;
      const abs = join(d, name);
      if (name === 'rust-toolchain') {
        const file = await this.text(abs);
        if (file && isBareChannelFile(file.text)) return readBareChannel(file, d);
      }
      const t = await this.toml(abs);
      return t ? readToolchainToml(t.file, d, t.toml) : undefined;
    }
    return undefined;
  }
}

/**
 * Lets the event loop run between the loader's steps (never inside one, so the order in which
 * files are read and registered stays the same): file reads are synchronous, and without these
 * turns a tool probe that ended early would be noticed, and its answer read, only after the whole
 * project was.
 */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** cargo-generate templates (`{{project-name}}`, `{% if %}`) are not Cargo projects until rendered. */
const isTemplate = (text: string): boolean => /\{\{\s*[\w-]+\s*\}\}|\{%/.test(text);

function existsSyncLink(abs: string): boolean {
  try {
    return readdirSync(dirname(abs)).includes(abs.slice(dirname(abs).length + 1));
  } catch {
    return false;
  }
}

/** Directories matching a `members` entry that hold a Cargo.toml. */
function expandMember(wsDir: string, pattern: string, index: DirIndex): string[] {
  const segs = normalizeRel(pattern).split('/').filter(Boolean);
  let current = [wsDir];
  for (const seg of segs) {
    const next: string[] = [];
    for (const base of current) {
      if (seg === '**') next.push(base, ...allDirsBelow(base));
      else if (!hasGlob(seg)) next.push(join(base, seg));
      else for (const name of listDirs(base)) if (globMatches(seg, name)) next.push(join(base, name));
    }
    current = [...new Set(next)];
  }
  return current.filter((d) => index.exists(join(d, 'Cargo.toml'))).sort();
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !SKIP_DIRS.has(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function allDirsBelow(dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    if (!firstVisit(seen, d)) continue;
    for (const name of listDirs(d)) {
      out.push(join(d, name));
      stack.push(join(d, name));
    }
  }
  return out;
}

/** True the first time a directory is reached by any path (symbolic-link loops end here). */
function firstVisit(seen: Set<string>, dir: string): boolean {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return false;
  }
  if (seen.has(real)) return false;
  seen.add(real);
  return true;
}
