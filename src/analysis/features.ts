/** Cargo feature resolution within one manifest: which features, optional deps and dep features a build turns on. */
import type { Dependency, Manifest } from '../workspace/model.ts';

export interface FeatureSet {
  /** features of this package that are on */
  readonly features: ReadonlySet<string>;
  /** dependency keys whose optional dependency is activated */
  readonly optionalDeps: ReadonlySet<string>;
  /** dependency key → features turned on for it by `dep/feat` or `dep?/feat` entries */
  readonly depFeatures: ReadonlyMap<string, ReadonlySet<string>>;
}

export function resolveFeatures(m: Manifest, requested: readonly string[], defaults: boolean): FeatureSet {
  const features = new Set<string>();
  const optionalDeps = new Set<string>();
  const weak = new Map<string, Set<string>>();
  const depFeatures = new Map<string, Set<string>>();
  const optionalKeys = new Set(m.dependencies.filter((d) => d.optional).map((d) => d.key));
  const hasExplicitDepSyntax = [...m.features.values()].some((list) => list.some((e) => e.value.startsWith('dep:')));
  const add = (map: Map<string, Set<string>>, dep: string, feat: string) => map.set(dep, (map.get(dep) ?? new Set()).add(feat));
  const queue = [...requested, ...(defaults && m.features.has('default') ? ['default'] : [])];
  while (queue.length > 0) {
    const item = queue.shift() as string;
    if (item.startsWith('dep:')) {
      optionalDeps.add(item.slice(4));
      continue;
    }
    const slash = item.indexOf('/');
    if (slash > 0) {
      const dep = item.slice(0, slash).replace(/\?$/, '');
      const feat = item.slice(slash + 1);
      if (item[slash - 1] === '?') add(weak, dep, feat);
      else {
        add(depFeatures, dep, feat);
        if (optionalKeys.has(dep)) optionalDeps.add(dep);
      }
      continue;
    }
    if (features.has(item)) continue;
    features.add(item);
    const entries = m.features.get(item);
    if (entries) queue.push(...entries.map((e) => e.value));
    else if (optionalKeys.has(item) && !hasExplicitDepSyntax) optionalDeps.add(item);
  }
  for (const [dep, feats] of weak) if (optionalDeps.has(dep) || !optionalKeys.has(dep)) for (const f of feats) add(depFeatures, dep, f);
  return { features, optionalDeps, depFeatures };
}

/** Is this dependency compiled in a build with these features? */
export const isActive = (dep: Dependency, set: FeatureSet): boolean => !dep.optional || set.optionalDeps.has(dep.key);

/** The dependency's own features plus those the package's features turn on. */
export function featuresOf(dep: Dependency, set: FeatureSet): string[] {
  return [...new Set([...dep.features.map((f) => f.value), ...(set.depFeatures.get(dep.key) ?? [])])];
}
