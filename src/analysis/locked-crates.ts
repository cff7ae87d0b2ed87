/**
 * What a build compiles, read from the Cargo.lock graph. The lock records every dependency of a
 * workspace member, whatever its kind, target table or feature; the member's manifest says which
 * of those edges a given build follows. Third-party entries only list what was resolved for the
 * whole workspace, so their edges are followed as recorded (an over-approximation).
 */
import { cargoReqAdmits } from '../semver/cargo-req.ts';
import type { WasmBuild } from './builds.ts';
import { compiledCrates } from './workspace-crates.ts';
import { isActive, resolveFeatures, type FeatureSet } from './features.ts';
import { LockReach, lockedDependency, memberEntry, packageKey, reachingTo, walkLock, type LockPath } from './lockgraph.ts';
import type { Dependency, DepKind, LockedPackage, Lockfile, Manifest, Workspace } from '../workspace/model.ts';
import { normalizeCrate } from './workspace-queries.ts';

interface CompileScope {
  /** dependency kinds of the start member to follow; members reached as dependencies never add their dev-dependencies */
  readonly kinds: readonly DepKind[];
  /** the start member's features: optional dependencies they do not activate are not followed */
  readonly features?: FeatureSet;
}

/** What `cargo build` compiles for a member: normal and build dependencies, default features. */
const buildScopes = new WeakMap<Manifest, CompileScope>();

function buildScope(m: Manifest): CompileScope {
  let scope = buildScopes.get(m);
  if (!scope) {
    scope = { kinds: ['normal', 'build'], features: resolveFeatures(m, [], true) };
    buildScopes.set(m, scope);
  }
  return scope;
}

/** The dependencies of `m` a build in `scope` follows (all targets). */
const followedDeps = (m: Manifest, scope: CompileScope): Dependency[] =>
  m.dependencies.filter((d) => scope.kinds.includes(d.kind) && (!scope.features || isActive(d, scope.features)));

/**
 * Locked packages compiled when `cargo build` builds these members (on any target), each with the
 * shortest path from any of them, in one walk; workspace crates add their normal and build dependencies.
 */
export function compiledFromBuilds(ws: Workspace, members: readonly Manifest[]): LockReach {
  return walkMembers(ws, members, buildScope, true);
}

/**
 * Walks the lock from the members' entries. Edges out of a workspace crate are followed when its
 * manifest, in `scopeOf(manifest)`, declares them; edges out of third-party crates as recorded, or
 * not at all without `thirdParty`.
 */
function walkMembers(ws: Workspace, starts: readonly Manifest[], scopeOf: (m: Manifest) => CompileScope, thirdParty: boolean): LockReach {
  const lock = ws.lockfile;
  if (!lock) return new LockReach();
  const entries = starts.map((m) => memberEntry(lock, m)).filter((e): e is LockedPackage => e !== undefined);
  const members = membersByEntry(ws, lock);
  const followed = new Map<LockedPackage, Map<string, Dependency[]>>();
  /** The followed dependencies of a workspace crate, by normalised crate name. */
  const depsOf = (entry: LockedPackage, manifest: Manifest): Map<string, Dependency[]> => {
    let deps = followed.get(entry);
    if (!deps) {
      deps = new Map();
      for (const d of followedDeps(manifest, scopeOf(manifest))) deps.set(normalizeCrate(d.name), [...(deps.get(normalizeCrate(d.name)) ?? []), d]);
      followed.set(entry, deps);
    }
    return deps;
  };
  return walkLock(lock, entries.map((e) => [e]), (from, to) => {
    const manifest = members.get(from);
    return manifest ? (depsOf(from, manifest).get(normalizeCrate(to.name)) ?? []).some((d) => resolvesTo(d, to)) : thirdParty;
  });
}

/** A third-party dependency declared by workspace code that a build compiles. */
export interface DeclaredDependency {
  /** the workspace crate that declares it */
  readonly manifest: Manifest;
  readonly dep: Dependency;
  readonly pkg: LockedPackage;
  /** from the built member through workspace crates to `pkg` */
  readonly path: LockPath;
}

/** The third-party dependencies that these members and the workspace crates they compile declare themselves, in one walk. */
export function declaredFromBuilds(ws: Workspace, members: readonly Manifest[]): DeclaredDependency[] {
  return declaredIn(ws, members, buildScope);
}

function declaredIn(ws: Workspace, starts: readonly Manifest[], scopeOf: (m: Manifest) => CompileScope): DeclaredDependency[] {
  const lock = ws.lockfile;
  if (!lock) return [];
  const members = membersByEntry(ws, lock);
  const out: DeclaredDependency[] = [];
  const reached = walkMembers(ws, starts, scopeOf, false);
  for (const entry of reached.packages()) {
    const manifest = members.get(entry);
    if (!manifest) continue;
    const path = reached.pathTo(entry);
    if (path.some((p) => !members.has(p))) continue;
    for (const dep of followedDeps(manifest, scopeOf(manifest))) {
      const pkg = lockedDependency(lock, entry, dep);
      if (pkg && !members.has(pkg)) out.push({ manifest, dep, pkg, path: [...path, pkg] });
    }
  }
  return out;
}

const memberEntries = new WeakMap<Lockfile, Map<LockedPackage, Manifest>>();

/** Workspace members by their lock entry, computed once per lockfile. */
function membersByEntry(ws: Workspace, lock: Lockfile): Map<LockedPackage, Manifest> {
  const cached = memberEntries.get(lock);
  if (cached) return cached;
  const out = new Map<LockedPackage, Manifest>();
  memberEntries.set(lock, out);
  for (const member of ws.members) {
    const entry = memberEntry(lock, member);
    if (entry) out.set(entry, member);
  }
  return out;
}

/**
 * Locked packages a wasm build compiles: the workspace crates it compiles (with Cargo's feature
 * unification across path dependencies) and, from their normal dependencies for the build's
 * target, everything the lock records below them. Paths start at the built member.
 */
export function lockedInBuild(ws: Workspace, build: WasmBuild): LockReach {
  let reached = buildReach.get(build);
  if (!reached) {
    reached = walkBuild(ws, build);
    buildReach.set(build, reached);
  }
  return reached;
}

/** Each build's walk, shared by every rule that asks. */
const buildReach = new WeakMap<WasmBuild, LockReach>();

function walkBuild(ws: Workspace, build: WasmBuild): LockReach {
  const lock = ws.lockfile;
  if (!lock) return new LockReach();
  const members = membersByEntry(ws, lock);
  return walkLock(lock, buildStarts(ws, lock, build), (from) => !members.has(from));
}

const startsOfBuild = new WeakMap<WasmBuild, LockPath[]>();

/** Where a build's walk starts: the workspace crates it compiles and their locked third-party dependencies. */
function buildStarts(ws: Workspace, lock: Lockfile, build: WasmBuild): LockPath[] {
  const cached = startsOfBuild.get(build);
  if (cached) return cached;
  const entryAt = (dir: string | undefined): LockedPackage | undefined => {
    const member = ws.members.find((m) => m.dir === dir);
    return member && memberEntry(lock, member);
  };
  const starts: LockPath[] = [];
  for (const c of compiledCrates(ws, build)) {
    const entry = memberEntry(lock, c.manifest);
    const prefix = [build.manifest.dir, ...c.via.map((v) => v.pathDir)].map(entryAt);
    if (!entry || prefix.some((p) => p === undefined)) continue;
    const path = prefix as LockedPackage[];
    starts.push(path);
    for (const dep of c.deps) {
      if (entryAt(dep.pathDir)) continue;
      const pkg = lockedDependency(lock, entry, dep);
      if (pkg) starts.push([...path, pkg]);
    }
  }
  startsOfBuild.set(build, starts);
  return starts;
}

const reachingThirdParty = new WeakMap<LockedPackage, ReadonlySet<LockedPackage>>();

/**
 * Whether a build compiles the lock entry `pkg`, without walking the build: its walk (lockedInBuild)
 * follows only edges out of third-party crates, so it reaches `pkg` exactly when one of its starts
 * reaches `pkg` that way. The backward walk from `pkg` is made once and serves every build.
 */
export function buildCompiles(ws: Workspace, build: WasmBuild, pkg: LockedPackage): boolean {
  const lock = ws.lockfile;
  if (!lock) return false;
  let reaching = reachingThirdParty.get(pkg);
  if (!reaching) {
    const members = membersByEntry(ws, lock);
    reaching = reachingTo(lock, pkg, (from) => !members.has(from));
    reachingThirdParty.set(pkg, reaching);
  }
  const from = reaching;
  return buildStarts(ws, lock, build).some((path) => from.has(path[path.length - 1] as LockedPackage));
}

/** Shortest path from any workspace member to every locked package (what `cargo tree -i` would show first). */
export function pathsFromMembers(ws: Workspace): LockReach {
  const lock = ws.lockfile;
  if (!lock) return new LockReach();
  const starts = ws.members.map((m) => memberEntry(lock, m)).filter((e): e is LockedPackage => e !== undefined);
  return walkLock(lock, starts.map((s) => [s]));
}

/** `` `app` → `eframe 0.34.3` → `egui 0.34.3` ``: the start by name, the rest with their version. */
export const describePath = (path: LockPath): string => path.map((p, i) => `\`${i === 0 ? p.name : packageKey(p)}\``).join(' → ');

/** Whether manifest dependency `d` resolved to locked package `to`. */
function resolvesTo(d: Dependency, to: LockedPackage): boolean {
  if (normalizeCrate(d.name) !== normalizeCrate(to.name)) return false;
  return d.req === undefined || cargoReqAdmits(d.req.value, to.version.value) !== false;
}
