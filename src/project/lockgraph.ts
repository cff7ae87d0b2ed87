/** The dependency graph recorded in Cargo.lock: resolving references, reachability, paths. */
import type { LockedPackage, Lockfile, Manifest } from './model.ts';

/** Resolves `name`, `name version` or `name version (source)` to the locked package. */
export function resolveRef(lock: Lockfile, ref: string): LockedPackage | undefined {
  const [name, version] = ref.split(' ');
  const candidates = lock.packages.filter((p) => p.name === name);
  if (version === undefined) return candidates.length === 1 ? candidates[0] : undefined;
  return candidates.find((p) => p.version.value === version);
}

/** The lock entry of a workspace member (a package without `source`). */
export function memberEntry(lock: Lockfile, m: Manifest): LockedPackage | undefined {
  const name = m.packageName?.value;
  return name ? lock.packages.find((p) => p.name === name && p.source === undefined) : undefined;
}

export const packageKey = (p: LockedPackage): string => `${p.name} ${p.version.value}`;

/**
 * Breadth-first reachability from `start`. `firstHop` limits the start's own edges (for instance
 * to its normal, wasm-applicable dependencies); deeper edges are followed as the lock records them.
 * Returns each reached package with the path that first reached it.
 */
export function reach(lock: Lockfile, start: LockedPackage, firstHop: (dep: LockedPackage) => boolean = () => true): Map<string, LockedPackage[]> {
  const paths = new Map<string, LockedPackage[]>([[packageKey(start), [start]]]);
  const queue: LockedPackage[] = [start];
  while (queue.length > 0) {
    const pkg = queue.shift() as LockedPackage;
    const path = paths.get(packageKey(pkg)) ?? [pkg];
    for (const ref of pkg.dependencies) {
      const dep = resolveRef(lock, ref);
      if (!dep || paths.has(packageKey(dep))) continue;
      if (pkg === start && !firstHop(dep)) continue;
      paths.set(packageKey(dep), [...path, dep]);
      queue.push(dep);
    }
  }
  return paths;
}

/** Packages that depend directly on `target`. */
export function dependents(lock: Lockfile, target: LockedPackage): LockedPackage[] {
  return lock.packages.filter((p) => p.dependencies.some((ref) => resolveRef(lock, ref) === target));
}
