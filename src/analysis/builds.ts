/**
 * Which workspace members are compiled for a wasm target, by which builder, with which features.
 * Evidence only: Trunk pages, wasm-pack metadata and scripts, Cargo config `[build] target`,
 * cargo-leptos metadata, and `cdylib` libraries that depend on wasm-bindgen.
 */
import { dirname, resolve } from 'node:path';
import type { Span } from '../diagnostic/types.ts';
import { targetKeyApplies } from './cfg.ts';
import type { Dependency, Manifest, TextFile, Workspace } from '../workspace/model.ts';
import { activeTrunkConfigs } from './workspace-queries.ts';
import { wasmPackPath } from '../ci/shell.ts';
import { asArray, asBool, asString, asTable, get, stringItems, type TomlTable } from '../syntax/toml/toml.ts';
import { within } from '../paths.ts';

/** `command`: a build command of a CI job or Dockerfile stage (analysis/environments.ts) */
export type WasmBuilder = 'trunk' | 'wasm-pack' | 'cargo-config' | 'cdylib' | 'cargo-leptos' | 'napi' | 'command';

export interface WasmBuild {
  readonly manifest: Manifest;
  readonly target: string;
  readonly builder: WasmBuilder;
  /** where the build was learned from */
  readonly evidence: Span;
  /** features the builder requests (Trunk `data-cargo-features`, cargo-leptos `lib-features`) */
  readonly features: readonly string[];
  readonly defaultFeatures: boolean;
}

const UNKNOWN = 'wasm32-unknown-unknown';

const builds = new WeakMap<Workspace, readonly WasmBuild[]>();

/** Computed once per workspace: most rules and the build prediction ask. */
export function wasmBuilds(ws: Workspace): readonly WasmBuild[] {
  let found = builds.get(ws);
  if (!found) {
    found = findBuilds(ws);
    builds.set(ws, found);
  }
  return found;
}

function findBuilds(ws: Workspace): WasmBuild[] {
  const out: WasmBuild[] = [];
  const byDir = (dir: string) => ws.members.find((m) => m.dir === dir);
  for (const link of trunkRustLinks(ws)) {
    const m = byDir(link.crateDir);
    const features = (link.attr('data-cargo-features') ?? '').split(/[\s,]+/).filter(Boolean);
    if (m) out.push({ manifest: m, target: UNKNOWN, builder: 'trunk', evidence: link.span, features, defaultFeatures: link.attr('data-cargo-no-default-features') === undefined });
  }
  for (const m of ws.members) {
    const wp = get(m.toml, 'package', 'metadata', 'wasm-pack');
    if (wp) out.push({ manifest: m, target: UNKNOWN, builder: 'wasm-pack', evidence: wp.span, features: [], defaultFeatures: true });
    const leptos = leptosBuild(ws, m);
    if (leptos) out.push(leptos);
    if (m.crateTypes.some((t) => t.value === 'cdylib') && dependsOnBindgen(m)) {
      const ct = m.crateTypes.find((t) => t.value === 'cdylib');
      if (ct) out.push({ manifest: m, target: UNKNOWN, builder: 'cdylib', evidence: ct.span, features: [], defaultFeatures: true });
    }
  }
  for (const run of ws.packageJsons.flatMap(wasmPackRuns)) {
    const m = byDir(run.crateDir);
    if (m && !out.some((b) => b.manifest === m && b.builder === 'wasm-pack')) out.push({ manifest: m, target: UNKNOWN, builder: 'wasm-pack', evidence: run.span, features: [], defaultFeatures: true });
  }
  for (const napi of ws.packageJsons.flatMap(napiTargets)) {
    const m = byDir(napi.dir);
    if (m) out.push({ manifest: m, target: napi.target, builder: 'napi', evidence: napi.span, features: [], defaultFeatures: true });
  }
  for (const cfg of ws.cargoConfigs) {
    for (const t of cfg.buildTargets) {
      if (!t.value.startsWith('wasm')) continue;
      for (const m of ws.members) {
        if (within(cfg.dir, m.dir) || within(cfg.dir, ws.dir)) out.push({ manifest: m, target: t.value, builder: 'cargo-config', evidence: t.span, features: [], defaultFeatures: true });
      }
    }
  }
  // A cdylib alone says "probably packaged for the web"; a named builder says how, with which features.
  const named = new Set(out.filter((b) => b.builder !== 'cdylib').map((b) => b.manifest));
  return out.filter((b) => b.builder !== 'cdylib' || !named.has(b.manifest));
}

/**
 * `wasm-pack build [options] [path]` commands in a package.json, with the crate each builds: its path
 * argument, else the package.json's directory. A command after a `cd` is skipped (its directory is unknown).
 */
function wasmPackRuns(pj: TextFile): { crateDir: string; span: Span }[] {
  const text = pj.file.text;
  const out: { crateDir: string; span: Span }[] = [];
  for (const m of text.matchAll(/\bwasm-pack\s+build\b/g)) {
    const start = m.index ?? 0;
    if (/\bcd\s/.test(text.slice(text.lastIndexOf('\n', start) + 1, start))) continue;
    const args = (text.slice(start + m[0].length).split(/["\n;|&]/)[0] ?? '').split(/\s+/).filter(Boolean);
    const path = wasmPackPath(args);
    out.push({ crateDir: path === undefined ? pj.dir : resolve(pj.dir, path), span: { file: pj.file.id, start, end: start + m[0].length } });
  }
  return out;
}

/**
 * napi-rs wasm targets of a package.json: `napi.targets` (v3), else `napi.triples.additional`
 * (v2; v3 reads it only when `targets` is empty), built from the package's directory. napi maps
 * the historical `wasm32-wasi` and `wasm32-wasi-preview1-threads` to the threaded
 * `wasm32-wasip1-threads` build (napi-rs/napi-rs@8681902:cli/src/utils/config.ts `readNapiConfig`,
 * cli/src/utils/target.ts `getWasiTarget`).
 */
function napiTargets(pj: TextFile): { dir: string; target: string; span: Span }[] {
  let napi: unknown;
  try {
    napi = (JSON.parse(pj.file.text) as { napi?: unknown } | null)?.napi;
  } catch {
    return [];
  }
  if (!napi || typeof napi !== 'object') return [];
  const { targets, triples } = napi as { targets?: unknown; triples?: { additional?: unknown } };
  const listed = Array.isArray(targets) && targets.length > 0 ? targets : Array.isArray(triples?.additional) ? triples.additional : [];
  const text = pj.file.text;
  const key = text.indexOf('"napi"');
  return listed
    .filter((t): t is string => typeof t === 'string' && t.startsWith('wasm32-'))
    .flatMap((t) => {
      const at = text.indexOf(JSON.stringify(t), key);
      if (at < 0) return [];
      const target = t === 'wasm32-wasi' || t === 'wasm32-wasi-preview1-threads' ? 'wasm32-wasip1-threads' : t;
      return [{ dir: pj.dir, target, span: { file: pj.file.id, start: at + 1, end: at + 1 + t.length } }];
    });
}

/** A normal dependency on wasm-bindgen that is compiled for wasm32-unknown-unknown. */
function dependsOnBindgen(m: Manifest): boolean {
  return m.dependencies.some((d) => d.name === 'wasm-bindgen' && d.kind === 'normal' && appliesTo(d, UNKNOWN) !== false);
}

/** Whether a dependency's target table applies to a target (true when it has none). */
export const appliesTo = (dep: Dependency, triple: string): boolean | undefined => (dep.target === undefined ? true : targetKeyApplies(dep.target, triple));

/** A `<link data-trunk rel="rust">` of a page Trunk builds. */
export interface TrunkRustLink {
  readonly page: TextFile;
  /** the crate Trunk compiles */
  readonly crateDir: string;
  /** the tag; empty at offset 0 for a page without one (Trunk then builds the crate next to the page) */
  readonly span: Span;
  /** an attribute's value (`''` when bare), undefined when absent */
  attr(name: string): string | undefined;
}

const LINK = /<link\b[^>]*>/gi;
const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?(?=[\\s/>])`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
};

/** `<link data-trunk rel="rust">` entries of the workspace's pages built by Trunk (implicit for a page without one). */
export function trunkRustLinks(ws: Workspace): TrunkRustLink[] {
  if (activeTrunkConfigs(ws).length === 0 && !ws.html.some((h) => h.file.text.includes('data-trunk'))) return [];
  return ws.html.flatMap(rustLinks);
}

function rustLinks(page: TextFile): TrunkRustLink[] {
  const out: TrunkRustLink[] = [];
  const text = page.file.text;
  for (const m of text.matchAll(LINK)) {
    const tag = m[0];
    if (attr(tag, 'data-trunk') === undefined || attr(tag, 'rel')?.toLowerCase() !== 'rust') continue;
    const href = attr(tag, 'href');
    const target = href ? resolve(page.dir, href) : page.dir;
    const crateDir = target.endsWith('Cargo.toml') ? dirname(target) : target;
    const start = m.index ?? 0;
    out.push({ page, crateDir, span: { file: page.file.id, start, end: start + tag.length }, attr: (name) => attr(tag, name) });
  }
  if (out.length === 0 && text.includes('data-trunk')) out.push({ page, crateDir: page.dir, span: { file: page.file.id, start: 0, end: 0 }, attr: () => undefined });
  return out;
}

/** cargo-leptos builds the front-end library for wasm with `lib-features`. */
function leptosBuild(ws: Workspace, m: Manifest): WasmBuild | undefined {
  const own = asTable(get(m.toml, 'package', 'metadata', 'leptos'));
  const wsList = asArray(get(ws.root.toml, 'workspace', 'metadata', 'leptos'))?.items ?? [];
  const fromWs = wsList.map(asTable).find((t) => asString(get(t, 'lib-package'))?.value === m.packageName?.value);
  const meta: TomlTable | undefined = own ?? fromWs;
  if (!meta) return undefined;
  if (own && asString(get(own, 'lib-package')) && asString(get(own, 'lib-package'))?.value !== m.packageName?.value) return undefined;
  const features = stringItems(get(meta, 'lib-features')).map((f) => f.value);
  return {
    manifest: m,
    target: UNKNOWN,
    builder: 'cargo-leptos',
    evidence: meta.headerSpan ?? meta.span,
    features,
    defaultFeatures: asBool(get(meta, 'lib-default-features')) ?? false,
  };
}
