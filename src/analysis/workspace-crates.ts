/**
 * The workspace crates one wasm build compiles: the built member and, transitively, the other
 * members it reaches through path dependencies, each with the features Cargo unifies for it.
 * Only normal dependencies whose target table certainly applies to the build's target and that the
 * build's features activate are followed; dev- and build-dependencies are never compiled for wasm.
 */
import { appliesTo, type WasmBuild, type WasmBuilder } from './builds.ts';
import { featuresOf, isActive, resolveFeatures, type FeatureSet } from './features.ts';
import type { Dependency, Manifest, Workspace } from '../workspace/model.ts';
import type { SourceMap } from '../syntax/source.ts';

export interface CompiledCrate {
  readonly manifest: Manifest;
  readonly features: FeatureSet;
  /** the normal dependencies compiled for the build's target */
  readonly deps: readonly Dependency[];
  /** the path dependencies that lead from the built member to this crate (empty for the member) */
  readonly via: readonly Dependency[];
}

interface Request {
  readonly features: Set<string>;
  defaults: boolean;
  readonly via: readonly Dependency[];
}

/** Normal dependencies of `m` compiled for `target` under `set`; unsure target tables are left out. */
export const compiledDeps = (m: Manifest, set: FeatureSet, target: string): Dependency[] =>
  m.dependencies.filter((d) => d.kind === 'normal' && appliesTo(d, target) === true && isActive(d, set));

export function compiledCrates(ws: Workspace, build: WasmBuild): CompiledCrate[] {
  const memberAt = (dir: string | undefined) => (dir === undefined ? undefined : ws.members.find((m) => m.dir === dir));
  const requests = new Map<Manifest, Request>([[build.manifest, { features: new Set(build.features), defaults: build.defaultFeatures, via: [] }]]);
  const queue: Manifest[] = [build.manifest];
  while (queue.length > 0) {
    const m = queue.shift() as Manifest;
    const req = requests.get(m) as Request;
    const set = resolveFeatures(m, [...req.features], req.defaults);
    for (const dep of compiledDeps(m, set, build.target)) {
      const child = memberAt(dep.pathDir);
      if (!child) continue;
      const want = featuresOf(dep, set);
      const seen = requests.get(child);
      if (!seen) {
        requests.set(child, { features: new Set(want), defaults: dep.defaultFeatures, via: [...req.via, dep] });
        queue.push(child);
      } else if (want.some((f) => !seen.features.has(f)) || (dep.defaultFeatures && !seen.defaults)) {
        for (const f of want) seen.features.add(f);
        seen.defaults ||= dep.defaultFeatures;
        queue.push(child);
      }
    }
  }
  return [...requests].map(([manifest, req]) => {
    const features = resolveFeatures(manifest, [...req.features], req.defaults);
    return { manifest, features, deps: compiledDeps(manifest, features, build.target), via: req.via };
  });
}

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
