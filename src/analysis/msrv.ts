/** Locked crates whose minimum supported Rust version a toolchain or a `rust-version` does not meet. */
import { msrvOf, type MsrvRange } from '../kb/msrv.ts';
import { reqLowerBound } from '../semver/cargo-req.ts';
import { compiledFromBuilds, declaredFromBuilds } from './locked-crates.ts';
import type { LockPath } from './lockgraph.ts';
import type { Located, LockedPackage, Manifest, Workspace } from '../workspace/model.ts';

export interface MsrvViolation {
  readonly pkg: LockedPackage;
  readonly msrv: MsrvRange;
  /** the shortest path from a member that compiles it */
  readonly path: LockPath;
  /** requirement-based checks: the workspace requirement, the oldest release it admits and that release's MSRV */
  readonly required?: { readonly req: Located<string>; readonly least: string; readonly msrv: MsrvRange };
}

function lowerBound(req: string): string | undefined {
  return reqLowerBound(req);
}

/** The MSRV table describes releases: registry packages, not git checkouts or `[patch]` paths. */
const released = (pkg: LockedPackage): boolean => pkg.source?.startsWith('registry+') === true || pkg.source?.startsWith('sparse+') === true;

const byMsrv = (a: MsrvViolation, b: MsrvViolation): number => b.msrv.minor - a.msrv.minor || (a.pkg.name < b.pkg.name ? -1 : a.pkg.name > b.pkg.name ? 1 : 0);

function keepShortest(found: Map<string, MsrvViolation>, v: MsrvViolation): void {
  const key = `${v.pkg.name} ${v.pkg.version.value}`;
  const seen = found.get(key);
  if (!seen || v.path.length < seen.path.length) found.set(key, v);
}

/**
 * Crates in the workspace root's Cargo.lock that `cargo build` of `members` (default: all)
 * compiles, on any target, whose known MSRV is newer than Rust 1.`minor`; the highest MSRV
 * first. This is what a toolchain pinned at 1.`minor` runs into when it builds this lock.
 */
export function msrvViolations(ws: Workspace, minor: number, members: readonly Manifest[] = ws.members): MsrvViolation[] {
  const found = new Map<string, MsrvViolation>();
  const reached = compiledFromBuilds(ws, members);
  for (const pkg of reached.packages()) {
    const msrv = released(pkg) ? msrvOf(pkg.name, pkg.version.value) : undefined;
    if (msrv && msrv.minor > minor) keepShortest(found, { pkg, msrv, path: reached.pathTo(pkg) });
  }
  return [...found.values()].sort(byMsrv);
}

/**
 * The subset no lockfile can avoid: locked crates that workspace code compiled by `members`
 * requires itself with a requirement whose oldest admitted release already needs a Rust newer
 * than 1.`minor` (`egui = "0.34"` needs Rust 1.92 whatever the lock says).
 */
export function requiredMsrvViolations(ws: Workspace, minor: number, members: readonly Manifest[] = ws.members): MsrvViolation[] {
  const found = new Map<string, MsrvViolation>();
  for (const { dep, pkg, path } of declaredFromBuilds(ws, members)) {
    const least = dep.req && lowerBound(dep.req.value);
    const floor = least ? msrvOf(pkg.name, least) : undefined;
    const msrv = (released(pkg) ? msrvOf(pkg.name, pkg.version.value) : undefined) ?? floor;
    if (dep.req && least && floor && msrv && floor.minor > minor) keepShortest(found, { pkg, msrv, path, required: { req: dep.req, least, msrv: floor } });
  }
  return [...found.values()].sort(byMsrv);
}
