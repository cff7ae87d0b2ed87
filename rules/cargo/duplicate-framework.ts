import {
  code,
  commandFix,
  compareVersions,
  compatKey,
  defineRule,
  describePath,
  editFix,
  frameworks,
  memberEntry,
  packageKey,
  parseVersion,
  pathsFromMembers,
  primary,
  reqCompatKey,
  resolveRef,
  secondary,
  setValue,
  tomlString,
} from '../../src/api.ts';
import type { Dependency, Finding, Fix, LockedPackage, Lockfile, LockPath, LockReach, Workspace } from '../../src/api.ts';

type Family = (typeof frameworks.FAMILIES)[number];

/** One entry per semver-compatibility bucket, oldest first. */
function lines(entries: readonly LockedPackage[]): LockedPackage[] {
  const byKey = new Map<string, LockedPackage>();
  for (const p of [...entries].sort((a, b) => compareVersions(a.version.value, b.version.value))) {
    const key = compatKey(p.version.value);
    if (!byKey.has(key)) byKey.set(key, p);
  }
  return [...byKey.values()];
}

/** Family crates locked in more than one semver-compatible line, by crate name. */
function duplicated(lock: Lockfile, family: Family): Map<string, LockedPackage[]> {
  const byName = new Map<string, LockedPackage[]>();
  for (const p of lock.packages) if (frameworks.inFamily(family, p.name) && parseVersion(p.version.value)) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const out = new Map<string, LockedPackage[]>();
  for (const [name, entries] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const distinct = lines(entries);
    if (distinct.length > 1) out.set(name, distinct);
  }
  return out;
}

/** A package that sees two lines of `crate`: directly, or through a family crate it depends on. */
interface Clash {
  readonly user: LockedPackage;
  /** compat key → how the user reaches that line */
  readonly via: ReadonlyMap<string, { readonly pkg: LockedPackage; readonly through?: LockedPackage }>;
}

function clashes(lock: Lockfile, family: Family, crate: string): Clash[] {
  const out: Clash[] = [];
  for (const user of lock.packages) {
    const via = new Map<string, { pkg: LockedPackage; through?: LockedPackage }>();
    const deps = user.dependencies.map((ref) => resolveRef(lock, ref)).filter((d): d is LockedPackage => d !== undefined);
    const see = (pkg: LockedPackage, through?: LockedPackage) => {
      const key = parseVersion(pkg.version.value) && compatKey(pkg.version.value);
      if (key && !via.has(key)) via.set(key, through ? { pkg, through } : { pkg });
    };
    for (const d of deps) if (d.name === crate) see(d);
    for (const through of deps) {
      if (through.name === crate || !frameworks.inFamily(family, through.name)) continue;
      for (const ref of through.dependencies) {
        const pkg = resolveRef(lock, ref);
        if (pkg?.name === crate) see(pkg, through);
      }
    }
    if (via.size > 1) out.push({ user, via });
  }
  // workspace members first: their code is what fails to compile
  return out.sort((a, b) => Number(a.user.source !== undefined) - Number(b.user.source !== undefined));
}

const label = (p: LockedPackage): string => `\`${p.name} ${p.version.value}\``;

function clashNote(crate: string, all: readonly Clash[]): string {
  const [first] = all;
  if (!first) return 'no crate in the lock depends on two of these copies, so their types do not meet in one crate; both are still compiled';
  const ways = [...first.via.values()].map(({ pkg, through }) => (through ? `on ${label(through)}, which depends on ${label(pkg)}` : `on ${label(pkg)} directly`));
  const others = all.slice(1).map((c) => `\`${c.user.name}\``);
  return (
    `\`${first.user.name}\` depends ${ways.join(' and ')}: types from one copy do not match the other (error[E0308]: two different versions of crate \`${crate}\` are being used)` +
    (others.length > 0 ? `; so do ${others.join(', ')}` : '')
  );
}

/**
 * When a member requires the old copy itself, raise that requirement to the newest line (unless
 * other crates of the family are required on the old line too: then the family is realigned as a
 * whole, see egui/version-mismatch). Otherwise name the dependency that pulls the old copy in.
 */
function fixOf(ws: Workspace, lock: Lockfile, family: Family, oldest: LockedPackage, newest: LockedPackage, path: LockPath | undefined): Fix | undefined {
  const [head, next] = path ?? [];
  const member = ws.members.find((m) => head && memberEntry(lock, m) === head);
  if (!member || !next) return undefined;
  // The egui crates a package requires are realigned by egui/version-mismatch, whose fix picks the side to move.
  if (next !== oldest && family.root === 'egui' && frameworks.inFamily(family, next.name)) return undefined;
  if (next !== oldest) return commandFix(`update ${next.name}, which pulls in ${oldest.name} ${oldest.version.value} (if its newest compatible release still does, raise its requirement)`, ['cargo', 'update', '-p', `${next.name}@${next.version.value}`]);
  const old = compatKey(oldest.version.value);
  const onOld = (d: Dependency): boolean => d.req !== undefined && reqCompatKey(d.req.value) === old;
  const own = member.dependencies.filter((d) => d.name === oldest.name && onOld(d));
  if (own.length === 0 || member.dependencies.some((d) => d.name !== oldest.name && frameworks.inFamily(family, d.name) && onOld(d))) return undefined;
  const line = compatKey(newest.version.value);
  const spans = new Map(own.map((d) => [`${d.req?.span.file}:${d.req?.span.start}`, d.req as NonNullable<Dependency['req']>]));
  return editFix(`require ${oldest.name} ${line}, the newer line already in Cargo.lock (then \`cargo update -p ${oldest.name}@${oldest.version.value}\`)`, 'unsafe', [...spans.values()].map((req) => setValue(req, tomlString(line))));
}

function finding(ws: Workspace, lock: Lockfile, family: Family, crate: string, versions: readonly LockedPackage[], twins: ReadonlyMap<string, LockedPackage[]>, paths: LockReach): Finding {
  const all = clashes(lock, family, crate);
  const [oldest, ...newer] = versions as [LockedPackage, ...LockedPackage[]];
  const names = versions.map((v) => code(v.version.value));
  const listed = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const pulled = versions.flatMap((v) => {
    const path = paths.pathOf(packageKey(v));
    return path ? [`${label(v)} comes in through ${describePath(path)}`] : [];
  });
  const others = [...twins].filter(([name]) => name !== crate).map(([name, entries]) => `\`${name}\` (${entries.map((e) => e.version.value).join(', ')})`);
  return {
    cause: `framework:${family.name}`,
    severity: all.length > 0 ? 'error' : 'warning',
    message: `${code(crate)} is locked at ${versions.length} semver-incompatible versions, ${listed}`,
    labels: [primary(oldest.version.span, `${crate} ${oldest.version.value}`), ...newer.map((v) => secondary(v.version.span, `${crate} ${v.version.value}`))],
    notes: [clashNote(crate, all), ...pulled, ...(others.length > 0 ? [`other ${family.name} crates are duplicated along with it: ${others.join(', ')}`] : [])],
    help: [`require one ${code(crate)} release line everywhere, including crates that build on it; \`cargo tree -i ${crate}@${oldest.version.value}\` shows what still pulls in ${code(oldest.version.value)}`],
    fix: fixOf(ws, lock, family, oldest, newer[newer.length - 1] as LockedPackage, paths.pathOf(packageKey(oldest))),
  };
}

export default defineRule({
  id: 'cargo/duplicate-framework',
  summary: 'two semver-incompatible versions of one framework crate family (egui, wasm-bindgen, yew) are locked',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: [],
  check({ workspace, report }) {
    const lock = workspace.lockfile;
    if (!lock) return;
    let paths: LockReach | undefined;
    for (const family of frameworks.FAMILIES) {
      const twins = duplicated(lock, family);
      if (twins.size === 0) continue;
      const crate = twins.has(family.root) ? family.root : ([...twins.keys()][0] as string);
      paths ??= pathsFromMembers(workspace);
      report(finding(workspace, lock, family, crate, twins.get(crate) ?? [], twins, paths));
    }
  },
});
