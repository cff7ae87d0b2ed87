/** The dependency graph recorded in Cargo.lock: resolving references, reachability, paths. */
import { cargoReqAdmits } from '../semver/cargo-req.ts';
import type { Dependency, LockedPackage, Lockfile, Manifest } from '../workspace/model.ts';

const byName = new WeakMap<Lockfile, Map<string, LockedPackage[]>>();

/** The lock's packages with one name (indexed once per lockfile). */
function packagesNamed(lock: Lockfile, name: string): readonly LockedPackage[] {
  let index = byName.get(lock);
  if (!index) {
    index = new Map();
    for (const p of lock.packages) index.set(p.name, [...(index.get(p.name) ?? []), p]);
    byName.set(lock, index);
  }
  return index.get(name) ?? [];
}

/** Resolves `name`, `name version` or `name version (source)` to the locked package. */
export function resolveRef(lock: Lockfile, ref: string): LockedPackage | undefined {
  const [name = '', version] = ref.split(' ');
  const candidates = packagesNamed(lock, name);
  if (version === undefined) return candidates.length === 1 ? candidates[0] : undefined;
  return candidates.find((p) => p.version.value === version);
}

/** The lock entry of a workspace member (a package without `source`). */
export function memberEntry(lock: Lockfile, m: Manifest): LockedPackage | undefined {
  const name = m.packageName?.value;
  return name ? lock.packages.find((p) => p.name === name && p.source === undefined) : undefined;
}

export const packageKey = (p: LockedPackage): string => `${p.name} ${p.version.value}`;

/** A path through the lock graph, from where a walk started to the package reached. */
export type LockPath = readonly LockedPackage[];

/**
 * Breadth-first walk from several starting paths; each reached package keeps the shortest path
 * that reached it. `follows(from, to)` decides which recorded edges are taken.
 */
export function walkLock(lock: Lockfile, starts: readonly LockPath[], follows: (from: LockedPackage, to: LockedPackage) => boolean = () => true): Map<string, LockedPackage[]> {
  const paths = new Map<string, LockedPackage[]>();
  const queue: LockedPackage[] = [];
  for (const path of starts) {
    const last = path[path.length - 1];
    if (!last || paths.has(packageKey(last))) continue;
    paths.set(packageKey(last), [...path]);
    queue.push(last);
  }
  for (let i = 0; i < queue.length; i++) {
    const pkg = queue[i] as LockedPackage;
    const path = paths.get(packageKey(pkg)) ?? [pkg];
    for (const ref of pkg.dependencies) {
      const dep = resolveRef(lock, ref);
      if (!dep || paths.has(packageKey(dep)) || !follows(pkg, dep)) continue;
      paths.set(packageKey(dep), [...path, dep]);
      queue.push(dep);
    }
  }
  return paths;
}

/**
 * Breadth-first reachability from `start`. `firstHop` limits the start's own edges (for instance
 * to its normal, wasm-applicable dependencies); deeper edges are followed as the lock records them.
 * Returns each reached package with the path that first reached it.
 */
export const reach = (lock: Lockfile, start: LockedPackage, firstHop: (dep: LockedPackage) => boolean = () => true): Map<string, LockedPackage[]> =>
  walkLock(lock, [[start]], (from, to) => from !== start || firstHop(to));

const resolvedDeps = new WeakMap<LockedPackage, WeakMap<Dependency, LockedPackage | null>>();

/**
 * The locked package a manifest dependency resolves to, read from the lock entry of the package
 * that declares it: the one referenced package of that name whose version meets the requirement.
 * Answered once per (entry, dependency): the build walks ask the same question for every member.
 */
export function lockedDependency(lock: Lockfile, from: LockedPackage, dep: Dependency): LockedPackage | undefined {
  let byDep = resolvedDeps.get(from);
  if (!byDep) {
    byDep = new WeakMap();
    resolvedDeps.set(from, byDep);
  }
  const hit = byDep.get(dep);
  if (hit !== undefined) return hit ?? undefined;
  const found = findLockedDependency(lock, from, dep);
  byDep.set(dep, found ?? null);
  return found;
}

function findLockedDependency(lock: Lockfile, from: LockedPackage, dep: Dependency): LockedPackage | undefined {
  const meets = (version: string): boolean => dep.req === undefined || cargoReqAdmits(dep.req.value, version) === true;
  const found = (depsByName(lock, from).get(dep.name) ?? []).filter((p) => meets(p.version.value));
  return found.length === 1 ? found[0] : undefined;
}

const namedDeps = new WeakMap<LockedPackage, Map<string, LockedPackage[]>>();

/** A lock entry's dependencies resolved and grouped by crate name, once per entry. */
function depsByName(lock: Lockfile, from: LockedPackage): Map<string, LockedPackage[]> {
  let byName = namedDeps.get(from);
  if (!byName) {
    byName = new Map();
    for (const ref of from.dependencies) {
      const p = resolveRef(lock, ref);
      if (p) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    }
    namedDeps.set(from, byName);
  }
  return byName;
}
