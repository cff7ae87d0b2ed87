/** Read-only questions rules ask of the model, answered in one place. */
import { join, resolve } from 'node:path';
import type { Span } from '../diagnostic/types.ts';
import { hasVersion, type ProbeResult, type ToolSet } from '../probe/types.ts';
import { parseToolchainName, pinFromRustcVersion, type ToolchainPin } from '../kb/rust.ts';
import { targetKeyApplies } from './cfg.ts';
import { get, type TomlNode, type TomlTable } from '../syntax/toml/toml.ts';
import type { SourceFile } from '../syntax/source.ts';
import type { Dependency, LockedPackage, Manifest, Project, TextFile, TrunkConfig, Workspace } from '../workspace/model.ts';

export const normalizeCrate = (name: string): string => name.replace(/-/g, '_');

export function lockedPackages(ws: Workspace, name: string): LockedPackage[] {
  return ws.lockfile?.packages.filter((p) => p.name === name) ?? [];
}

/** Dependencies of every member on a crate (by real name, `-`/`_` insensitive). */
export function dependenciesOn(ws: Workspace, name: string): { manifest: Manifest; dep: Dependency }[] {
  const want = normalizeCrate(name);
  const out: { manifest: Manifest; dep: Dependency }[] = [];
  for (const manifest of ws.members) for (const dep of manifest.dependencies) if (normalizeCrate(dep.name) === want) out.push({ manifest, dep });
  return out;
}

export interface ActiveToolchain {
  readonly pin: ToolchainPin;
  /** where the pin comes from */
  readonly source: 'file' | 'rustc' | 'none';
  readonly span?: Span;
  readonly rustc: ProbeResult;
}

/** The toolchain that builds this workspace: its rust-toolchain file, else the probed rustc, else floating stable. */
export function activeToolchain(ws: Workspace, tools: ToolSet): ActiveToolchain {
  const rustc = tools.get('rustc');
  const channel = ws.toolchainFile?.channel;
  if (channel) return { pin: parseToolchainName(channel.value), source: 'file', span: channel.span, rustc };
  if (hasVersion(rustc)) return { pin: pinFromRustcVersion(rustc.version), source: 'rustc', rustc };
  return { pin: { kind: 'floating', channel: 'none' }, source: 'none', rustc };
}

export type TargetMentionKind = 'toolchain-targets' | 'cargo-build-target' | 'cargo-target-table';

export interface TargetMention {
  readonly target: string;
  /** the target name itself (without quotes) */
  readonly span: Span;
  readonly kind: TargetMentionKind;
  readonly file: string;
}

/** Every place a workspace's configuration names a compilation target. */
export function targetMentions(ws: Workspace): TargetMention[] {
  const out: TargetMention[] = [];
  const unquote = (span: Span, value: string, text: string): Span => {
    const raw = text.slice(span.start, span.end);
    const at = raw.indexOf(value);
    return at >= 0 ? { file: span.file, start: span.start + at, end: span.start + at + value.length } : span;
  };
  const tf = ws.toolchainFile;
  for (const t of tf?.targets ?? []) out.push({ target: t.value, span: unquote(t.span, t.value, tf!.file.text), kind: 'toolchain-targets', file: tf!.file.path });
  for (const cfg of ws.cargoConfigs) {
    for (const t of cfg.buildTargets) out.push({ target: t.value, span: unquote(t.span, t.value, cfg.file.text), kind: 'cargo-build-target', file: cfg.file.path });
    for (const t of cfg.targets) out.push({ target: t.triple, span: unquote(t.tripleSpan, t.triple, cfg.file.text), kind: 'cargo-target-table', file: cfg.file.path });
  }
  return out;
}

/**
 * Trunk configs that build something: the page named by `[build] target` (default `index.html`)
 * is there, or a page of the workspace has `data-trunk` links (then it is passed on the command
 * line). Trunk's own repository ships a documentation Trunk.toml that builds nothing.
 */
export function activeTrunkConfigs(ws: Workspace): TrunkConfig[] {
  const trunkPages = ws.html.some((h) => h.file.text.includes('data-trunk'));
  return ws.trunk.filter((t) => trunkPages || t.targetExists);
}

/** A `--cfg name` or `--cfg name="value"` rustc flag. */
export interface RustcCfg {
  readonly name: string;
  readonly value?: string;
  /** the rustflags entry it comes from */
  readonly span: Span;
}

/**
 * `--cfg` flags the workspace's Cargo config files pass to rustc for a target: `rustflags` of
 * `[target.<triple>]` and `[target.'cfg(..)']` tables that may apply, and of `[build]`. A flag in
 * any of them counts (Cargo's precedence between them is not modelled); `RUSTFLAGS` is not seen.
 */
export function configCfgs(ws: Workspace, triple: string): RustcCfg[] {
  const out: RustcCfg[] = [];
  for (const cfg of ws.cargoConfigs) {
    const flags = [...cfg.targets.filter((t) => targetKeyApplies(t.triple, triple) !== false).flatMap((t) => t.rustflags), ...cfg.buildRustflags];
    let next = false;
    for (const flag of flags) {
      for (const token of flag.value.split(/\s+/).filter(Boolean)) {
        const body = next ? token : token.startsWith('--cfg=') ? token.slice('--cfg='.length) : undefined;
        next = token === '--cfg';
        const m = body === undefined ? null : /^([A-Za-z_][A-Za-z0-9_]*)(?:="([^"]*)")?$/.exec(body);
        if (m?.[1]) out.push({ name: m[1], value: m[2], span: flag.span });
      }
    }
  }
  return out;
}

/** The Trunk config that builds a page: the one whose `[build] target` (default `index.html`) is that page. */
export function trunkConfigFor(ws: Workspace, page: TextFile): TrunkConfig | undefined {
  return activeTrunkConfigs(ws).find((t) => resolve(t.dir, t.buildTarget?.value ?? 'index.html') === page.file.absPath);
}

/**
 * Loaded files other than manifests, lockfiles, Rust sources and the workspace's Cargo config
 * files that mention `text`. CI workflows, Dockerfiles, Makefiles and scripts can pass rustc flags
 * through `RUSTFLAGS`, which wasm-doctor does not evaluate.
 */
export function filesMentioning(project: Project, ws: Workspace, text: string): SourceFile[] {
  const configs = new Set(ws.cargoConfigs.map((c) => c.file.id));
  return project.sources.all().filter((f) => !configs.has(f.id) && !/(^|\/)Cargo\.(toml|lock)$|\.rs$/.test(f.path) && f.text.includes(text));
}

/** A dependency's value node in its manifest: `x = "1"`, `x = { … }`, a dotted `x.version` or a `[dependencies.x]` table. */
export function dependencyEntry(m: Manifest, dep: Dependency): TomlNode | undefined {
  const table = dep.kind === 'normal' ? 'dependencies' : dep.kind === 'dev' ? 'dev-dependencies' : 'build-dependencies';
  return dep.target === undefined ? get(m.toml, table, dep.key) : get(m.toml, 'target', dep.target, table, dep.key);
}

/**
 * The Cargo config a fix edits for a workspace: the `.cargo/config(.toml)` at its root, or a
 * `.cargo/config.toml` there that the fix creates (`toml` undefined).
 */
export function rootCargoConfig(project: Project, ws: Workspace): { readonly file: SourceFile; readonly toml?: TomlTable } {
  const found = ws.cargoConfigs.find((c) => c.dir === ws.dir);
  if (found) return found;
  return { file: project.sources.planned(ws.root.file.path.replace(/Cargo\.toml$/, '.cargo/config.toml'), join(ws.dir, '.cargo', 'config.toml')) };
}
