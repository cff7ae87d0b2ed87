/** The dependency graph recorded in Cargo.lock: resolving references, reachability, paths. */
import { cargoReqAdmits } from '../semver/cargo-req.ts';
import type { Dependency, LockedPackage, Lockfile, Manifest } from '../workspace/model.ts';

/**
 * A lockfile's graph, resolved once per lockfile: packages by name, each package's `name version`
 * key, and its dependency references as package objects (resolved on first use).
 */
class LockIndex {
  private readonly byName = new Map<string, LockedPackage[]>();
  private readonly keys = new Map<LockedPackage, string>();
  private readonly edges = new Map<LockedPackage, readonly LockedPackage[]>();
  private reverse: Map<LockedPackage, LockedPackage[]> | undefined;
  private readonly lock: Lockfile;

  constructor(lock: Lockfile) {
    this.lock = lock;
    for (const p of lock.packages) {
      const named = this.byName.get(p.name);
      if (named) named.push(p);
      else this.byName.set(p.name, [p]);
    }
  }

  named(name: string): readonly LockedPackage[] {
    return this.byName.get(name) ?? [];
  }

  key(p: LockedPackage): string {
    let key = this.keys.get(p);
    if (key === undefined) {
      key = packageKey(p);
      this.keys.set(p, key);
    }
    return key;
  }

  deps(p: LockedPackage): readonly LockedPackage[] {
    let deps = this.edges.get(p);
    if (!deps) {
      deps = p.dependencies.map((ref) => resolveRef(this.lock, ref)).filter((d): d is LockedPackage => d !== undefined);
      this.edges.set(p, deps);
    }
    return deps;
  }

  /** The packages that list `p` as a dependency (every edge resolved on first use). */
  dependents(p: LockedPackage): readonly LockedPackage[] {
    if (!this.reverse) {
      const reverse = new Map<LockedPackage, LockedPackage[]>();
      for (const from of this.lock.packages) {
        for (const to of this.deps(from)) {
          const list = reverse.get(to);
          if (list) list.push(from);
          else reverse.set(to, [from]);
        }
      }
      this.reverse = reverse;
    }
    return this.reverse.get(p) ?? [];
  }
}

const indexes = new WeakMap<Lockfile, LockIndex>();

function lockIndex(lock: Lockfile): LockIndex {
  let index = indexes.get(lock);
  if (!index) {
    index = new LockIndex(lock);
    indexes.set(lock, index);
  }
  return index;
}

/** Resolves `name`, `name version` or `name version (source)` to the locked package. */
export function resolveRef(lock: Lockfile, ref: string): LockedPackage | undefined {
  const space = ref.indexOf(' ');
  const candidates = lockIndex(lock).named(space < 0 ? ref : ref.slice(0, space));
  if (space < 0) return candidates.length === 1 ? candidates[0] : undefined;
  const end = ref.indexOf(' ', space + 1);
  const version = ref.slice(space + 1, end < 0 ? undefined : end);
  return candidates.find((p) => p.version.value === version);
}

/** The lock entry of a workspace member (a package without `source`). */
export function memberEntry(lock: Lockfile, m: Manifest): LockedPackage | undefined {
  const name = m.packageName?.value;
  return name ? lockIndex(lock).named(name).find((p) => p.source === undefined) : undefined;
}

export const packageKey = (p: LockedPackage): string => `${p.name} ${p.version.value}`;

/** A path through the lock graph, from where a walk started to the package reached. */
export type LockPath = readonly LockedPackage[];

/**
 * The packages a walk reached, in the order reached (one per `name version`), each remembering
 * the package it was reached from: a path is built only when asked for.
 */
export class LockReach {
  private readonly from = new Map<LockedPackage, LockedPackage | undefined>();
  private readonly startPaths = new Map<LockedPackage, LockPath>();
  private readonly byKey = new Map<string, LockedPackage>();

  /** Whether a package with this `name version` key was reached. */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Records `pkg` (with key `key`, not reached yet) as the end of a start path. */
  start(pkg: LockedPackage, key: string, path: LockPath): void {
    this.reach(pkg, key, undefined);
    this.startPaths.set(pkg, [...path]);
  }

  /** Records `pkg` (with key `key`, not reached yet) as reached from `parent`. */
  reach(pkg: LockedPackage, key: string, parent: LockedPackage | undefined): void {
    this.byKey.set(key, pkg);
    this.from.set(pkg, parent);
  }

  /** Reached packages, in the order reached. */
  packages(): IterableIterator<LockedPackage> {
    return this.from.keys();
  }

  /** The path that first reached `pkg`, which this walk reached. */
  pathTo(pkg: LockedPackage): LockPath {
    const tail: LockedPackage[] = [];
    let at: LockedPackage | undefined = pkg;
    while (at && !this.startPaths.has(at)) {
      tail.push(at);
      at = this.from.get(at);
    }
    return [...(at ? (this.startPaths.get(at) as LockPath) : []), ...tail.reverse()];
  }

  /** The path to the reached package with this `name version` key. */
  pathOf(key: string): LockPath | undefined {
    const pkg = this.byKey.get(key);
    return pkg && this.pathTo(pkg);
  }
}

/**
 * Breadth-first walk from several starting paths; each reached package keeps the shortest path
 * that reached it. `follows(from, to)` decides which recorded edges are taken.
 */
export function walkLock(lock: Lockfile, starts: readonly LockPath[], follows: (from: LockedPackage, to: LockedPackage) => boolean = () => true): LockReach {
  const index = lockIndex(lock);
  const reached = new LockReach();
  const queue: LockedPackage[] = [];
  for (const path of starts) {
    const last = path[path.length - 1];
    if (!last || reached.has(index.key(last))) continue;
    reached.start(last, index.key(last), path);
    queue.push(last);
  }
  for (let i = 0; i < queue.length; i++) {
    const pkg = queue[i] as LockedPackage;
    for (const dep of index.deps(pkg)) {
      const key = index.key(dep);
      if (reached.has(key) || !follows(pkg, dep)) continue;
      reached.reach(dep, key, pkg);
      queue.push(dep);
    }
  }
  return reached;
}

/**
 * The packages a walk reaches `target` from: `target` itself and every package with a path to it
 * whose edges all leave packages `through` accepts. One backward walk answers "does a walk from
 * these starts reach `target`" for any number of start sets.
 */
export function reachingTo(lock: Lockfile, target: LockedPackage, through: (from: LockedPackage) => boolean): ReadonlySet<LockedPackage> {
  const index = lockIndex(lock);
  const found = new Set<LockedPackage>([target]);
  const queue = [target];
  for (let i = 0; i < queue.length; i++) {
    for (const from of index.dependents(queue[i] as LockedPackage)) {
      if (found.has(from) || !through(from)) continue;
      found.add(from);
      queue.push(from);
    }
  }
  return found;
}

/**
 * Breadth-first reachability from `start`. `firstHop` limits the start's own edges (for instance
 * to its normal, wasm-applicable dependencies); deeper edges are followed as the lock records them.
 * Returns each reached package with the path that first reached it.
 */
export const reach = (lock: Lockfile, start: LockedPackage, firstHop: (dep: LockedPackage) => boolean = () => true): LockReach =>
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
    for (const p of lockIndex(lock).deps(from)) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    namedDeps.set(from, byName);
  }
  return byName;
}
