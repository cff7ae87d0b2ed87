/**
 * The workspace crates one wasm build compiles: the built member and, transitively, the other
 * members it reaches through path dependencies, each with the features Cargo unifies for it.
 * Only normal dependencies whose target table certainly applies to the build's target and that the
 * build's features activate are compiled; dev- and build-dependencies are never compiled for wasm.
 * Under resolver "1" the features of the other entries still reach the build (`unified`).
 */
import { appliesTo, type WasmBuild, type WasmBuilder } from './builds.ts';
import { featuresOf, isActive, resolveFeatures, resolverOf, type FeatureSet } from './features.ts';
import { normalizeCrate } from './workspace-queries.ts';
import { reqCompatKey } from '../semver/cargo-req.ts';
import type { Dependency, Located, Manifest, Workspace } from '../workspace/model.ts';
import type { SourceMap } from '../syntax/source.ts';

export interface CompiledCrate {
  readonly manifest: Manifest;
  readonly features: FeatureSet;
  /** the normal dependencies compiled for the build's target */
  readonly deps: readonly Dependency[];
  /** the path dependencies that lead from the built member to this crate (empty for the member) */
  readonly via: readonly Dependency[];
  /**
   * Entries not compiled for the build's target whose features Cargo still unifies into it: under
   * resolver "1", every other target table, the build-dependencies, and the built member's
   * dev-dependencies. Empty under "2" and "3".
   */
  readonly unified: readonly Dependency[];
}

interface Request {
  readonly features: Set<string>;
  defaults: boolean;
  readonly via: readonly Dependency[];
}

/** Normal dependencies of `m` compiled for `target` under `set`; unsure target tables are left out. */
export const compiledDeps = (m: Manifest, set: FeatureSet, target: string): Dependency[] =>
  m.dependencies.filter((d) => d.kind === 'normal' && appliesTo(d, target) === true && isActive(d, set));

/** Active entries of `m` that are not compiled for the build but whose features resolver "1" unifies into it. */
const unifiedDeps = (m: Manifest, set: FeatureSet, compiled: readonly Dependency[], built: boolean): Dependency[] =>
  m.dependencies.filter((d) => !compiled.includes(d) && (d.kind !== 'dev' || built) && isActive(d, set));

const crateCache = new WeakMap<WasmBuild, CompiledCrate[]>();

export function compiledCrates(ws: Workspace, build: WasmBuild): CompiledCrate[] {
  let found = crateCache.get(build);
  if (!found) {
    found = findCrates(ws, build);
    crateCache.set(build, found);
  }
  return found;
}

function findCrates(ws: Workspace, build: WasmBuild): CompiledCrate[] {
  const unifying = resolverOf(ws).version === '1';
  const memberAt = (dir: string | undefined) => (dir === undefined ? undefined : ws.members.find((m) => m.dir === dir));
  const requests = new Map<Manifest, Request>([[build.manifest, { features: new Set(build.features), defaults: build.defaultFeatures, via: [] }]]);
  /** resolver "1": features asked of members through entries that do not compile them */
  const pending = new Map<Manifest, { features: Set<string>; defaults: boolean }>();
  const queue: Manifest[] = [build.manifest];
  /** Merges `want` into a request; true when it grew. */
  const merge = (into: { features: Set<string>; defaults: boolean }, want: readonly string[], defaults: boolean): boolean => {
    const grew = want.some((f) => !into.features.has(f)) || (defaults && !into.defaults);
    for (const f of want) into.features.add(f);
    into.defaults ||= defaults;
    return grew;
  };
  while (queue.length > 0) {
    const m = queue.shift() as Manifest;
    const req = requests.get(m) as Request;
    const set = resolveFeatures(m, [...req.features], req.defaults);
    const compiled = compiledDeps(m, set, build.target);
    for (const dep of compiled) {
      const child = memberAt(dep.pathDir);
      if (!child) continue;
      const want = featuresOf(dep, set);
      const seen = requests.get(child);
      if (!seen) {
        const extra = pending.get(child);
        requests.set(child, { features: new Set([...want, ...(extra?.features ?? [])]), defaults: dep.defaultFeatures || extra?.defaults === true, via: [...req.via, dep] });
        queue.push(child);
      } else if (merge(seen, want, dep.defaultFeatures)) queue.push(child);
    }
    if (!unifying) continue;
    for (const dep of unifiedDeps(m, set, compiled, m === build.manifest)) {
      const child = memberAt(dep.pathDir);
      if (!child) continue;
      const seen = requests.get(child);
      if (seen) {
        if (merge(seen, featuresOf(dep, set), dep.defaultFeatures)) queue.push(child);
      } else {
        const into = pending.get(child) ?? { features: new Set<string>(), defaults: false };
        pending.set(child, into);
        merge(into, featuresOf(dep, set), dep.defaultFeatures);
      }
    }
  }
  return [...requests].map(([manifest, req]) => {
    const features = resolveFeatures(manifest, [...req.features], req.defaults);
    const deps = compiledDeps(manifest, features, build.target);
    return { manifest, features, deps, via: req.via, unified: unifying ? unifiedDeps(manifest, features, deps, manifest === build.manifest) : [] };
  });
}

/** One entry of the build that turns on features of a package. */
export interface FeatureSource {
  readonly crate: CompiledCrate;
  readonly dep: Dependency;
  /** compiled for the build's target; false for an entry only resolver "1" unifies in */
  readonly compiled: boolean;
}

/** Cargo unifies features per package: same crate, same semver-compatible line (or both without a requirement). */
const samePackage = (a: Dependency, b: Dependency): boolean =>
  normalizeCrate(a.name) === normalizeCrate(b.name) && (a.req === undefined) === (b.req === undefined) && (a.req === undefined || reqCompatKey(a.req.value) === reqCompatKey((b.req as Located<string>).value));

/**
 * Every entry of the build whose features Cargo unifies into `dep`'s package: the compiled entries
 * of all the build's crates and, under resolver "1", the entries of other targets and kinds.
 * `dep` itself comes first.
 */
export function featureSources(crates: readonly CompiledCrate[], c: CompiledCrate, dep: Dependency): FeatureSource[] {
  const out: FeatureSource[] = [{ crate: c, dep, compiled: true }];
  for (const other of crates) {
    for (const d of other.deps) if (d !== dep && samePackage(d, dep)) out.push({ crate: other, dep: d, compiled: true });
    for (const d of other.unified) if (samePackage(d, dep)) out.push({ crate: other, dep: d, compiled: false });
  }
  return out;
}

/** The features the build compiles `dep`'s package with, over all the entries Cargo unifies. */
export const buildFeaturesOf = (crates: readonly CompiledCrate[], c: CompiledCrate, dep: Dependency): string[] => [
  ...new Set(featureSources(crates, c, dep).flatMap((s) => featuresOf(s.dep, s.crate.features))),
];


const BUILDERS: Readonly<Record<WasmBuilder, string>> = {
  trunk: 'Trunk',
  'wasm-pack': 'wasm-pack',
  'cargo-config': 'Cargo config `[build] target`',
  cdylib: 'wasm-bindgen (a `cdylib` that depends on it)',
  'cargo-leptos': 'cargo-leptos',
  napi: 'napi-rs (`napi.targets` in package.json)',
  command: 'the build command',
};

/** "`app` is built for `wasm32-unknown-unknown` by Trunk (`index.html`)": for notes. */
export const describeBuild = (build: WasmBuild, sources: SourceMap): string =>
  `\`${build.manifest.packageName?.value ?? build.manifest.file.path}\` is built for \`${build.target}\` by ${BUILDERS[build.builder]} (\`${sources.get(build.evidence.file).path}\`)`;

const KIND_TABLES = { normal: 'dependencies', dev: 'dev-dependencies', build: 'build-dependencies' } as const;

/** "`[target.'cfg(unix)'.dependencies]`": the table a dependency entry sits in, for messages. */
export const describeTable = (dep: Dependency): string =>
  `\`${dep.target === undefined ? `[${KIND_TABLES[dep.kind]}]` : `[target.'${dep.target}'.${KIND_TABLES[dep.kind]}]`}\``;
