import {
  cargoReqAdmits,
  code,
  commandFix,
  compareVersions,
  compatKey,
  defineRule,
  editFix,
  egui,
  lockedDependency,
  memberEntry,
  primary,
  reqCompatKey,
  secondary,
  setValue,
  tomlString,
} from '../../src/api.ts';
import type { Dependency, Finding, Fix, Label, LockedPackage, Lockfile, Manifest, Span, Workspace } from '../../src/api.ts';

interface Use {
  readonly crate: string;
  readonly minor: string;
  readonly label: Label;
  readonly where: string;
  /** the requirement this use is read from (requirement uses) */
  readonly dep?: Dependency;
  /** the lock entry this use is read from (locked uses) */
  readonly pkg?: LockedPackage;
}

/** The minor every family crate is aligned on, and why that one. */
interface Target {
  readonly minor: string;
  readonly why: string;
}

const asVersion = (key: string): string => [...key.split('.'), '0', '0'].slice(0, 3).join('.');
const byMinorDesc = (a: string, b: string): number => compareVersions(asVersion(b), asVersion(a));

/** Requirements of one manifest on egui-family crates (build-dependencies are compiled apart). */
function requirementUses(m: Manifest): Use[] {
  const out: Use[] = [];
  for (const dep of m.dependencies) {
    if (dep.kind === 'build' || !egui.isFamily(dep.name) || !dep.req) continue;
    const minor = reqCompatKey(dep.req.value);
    if (minor) out.push({ crate: dep.name, minor, label: primary(dep.req.span, `requires ${dep.name} ${minor}`), where: describe(dep), dep });
  }
  return out;
}

const describe = (dep: Dependency): string => (dep.inherited ? `${dep.key} (inherited from the workspace)` : dep.key);

/** Family crates the lockfile resolves for one member's package entry. */
function lockedUses(ws: Workspace, m: Manifest): Use[] {
  const lock = ws.lockfile;
  const entry = lock && memberEntry(lock, m);
  if (!lock || !entry) return [];
  const out: Use[] = [];
  for (const ref of entry.dependencies) {
    const [dep, version] = ref.split(' ');
    if (!dep || !egui.isFamily(dep)) continue;
    const pkg = resolveRef(lock.packages, dep, version);
    if (pkg) out.push({ crate: dep, minor: compatKey(pkg.version.value), label: primary(pkg.version.span, `${dep} locked at ${pkg.version.value}`), where: `${dep} in Cargo.lock`, pkg });
  }
  return out;
}

function resolveRef(packages: readonly LockedPackage[], name: string, version: string | undefined): LockedPackage | undefined {
  const candidates = packages.filter((p) => p.name === name);
  return version ? candidates.find((p) => p.version.value === version) : candidates.length === 1 ? candidates[0] : undefined;
}

/** The minor Cargo.lock resolved for most of the member's family crates, else the newest one in use. */
function targetOf(minors: readonly string[], locked: readonly Use[], crate: string): Target {
  const counts = new Map<string, number>();
  for (const u of locked) counts.set(u.minor, (counts.get(u.minor) ?? 0) + 1);
  const [first, second] = [...counts].filter(([minor]) => minors.includes(minor)).sort((a, b) => b[1] - a[1]);
  if (first && (!second || first[1] > second[1])) {
    return { minor: first[0], why: `Cargo.lock resolves ${first[1]} of the ${locked.length} egui-family dependencies of ${code(crate)} at it` };
  }
  return { minor: minors[0] as string, why: `the newest minor ${code(crate)} uses` };
}

/** Every member dependency that shares a requirement literal (a workspace entry is shared by its inheritors). */
function sharers(ws: Workspace, dep: Dependency): [Manifest, Dependency][] {
  const span = dep.req?.span;
  return ws.members.flatMap((m) => m.dependencies.filter((d) => d.req?.span.file === span?.file && d.req?.span.start === span?.start).map((d): [Manifest, Dependency] => [m, d]));
}

/** Safe when the new requirement admits what Cargo.lock already resolved for every dependency it changes. */
function keepsLock(ws: Workspace, lock: Lockfile | undefined, dep: Dependency, req: string): boolean {
  if (!lock) return false;
  return sharers(ws, dep).every(([m, d]) => {
    const entry = memberEntry(lock, m);
    const locked = entry && lockedDependency(lock, entry, d);
    return locked !== undefined && cargoReqAdmits(req, locked.version.value) === true;
  });
}

/** Rewrites the requirement on the target minor (in `[workspace.dependencies]` when inherited). */
function requirementFix(ws: Workspace, dep: Dependency, target: Target): Fix | undefined {
  if (!dep.req || dep.git || dep.path) return undefined;
  const safe = keepsLock(ws, ws.lockfile, dep, target.minor);
  return editFix(`require ${dep.name} ${target.minor} (${target.why})`, safe ? 'safe' : 'unsafe', [setValue(dep.req, tomlString(target.minor))]);
}

/** Moves a locked crate onto the target minor already in Cargo.lock, when every requirement on it allows that. */
function lockFix(ws: Workspace, m: Manifest, pkg: LockedPackage, target: Target): Fix | undefined {
  const to = ws.lockfile?.packages.find((p) => p.name === pkg.name && compatKey(p.version.value) === target.minor)?.version.value;
  const reqs = m.dependencies.filter((d) => d.name.replace(/-/g, '_') === pkg.name.replace(/-/g, '_'));
  if (!to || reqs.some((d) => !d.req || cargoReqAdmits(d.req.value, to) !== true)) return undefined;
  return commandFix(`move ${pkg.name} to ${to}, the version of its egui family in Cargo.lock`, ['cargo', 'update', '-p', `${pkg.name}@${pkg.version.value}`, '--precise', to]);
}

export default defineRule({
  id: 'egui/version-mismatch',
  summary: 'egui-family crates are required or locked at different minor versions',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: [],
  check({ workspace, report }) {
    // Sibling members inheriting (or locking) the same mismatch share its places: one finding names them all.
    const found = new Map<string, Mismatch>();
    for (const m of workspace.members) {
      const fromReqs = requirementUses(m);
      const locked = lockedUses(workspace, m);
      const uses = distinctMinors(fromReqs).length > 1 ? fromReqs : locked;
      const minors = distinctMinors(uses);
      if (minors.length < 2) continue;
      const target = targetOf(minors, locked, nameOf(m));
      const anchor = uses.find((u) => u.minor === target.minor);
      for (const u of uses) {
        if (u.minor === target.minor) continue;
        const key = [u.crate, u.minor, target.minor, spanKey(u.label.span), anchor ? spanKey(anchor.label.span) : ''].join('\0');
        const seen = found.get(key);
        if (seen) seen.members.push(m);
        else found.set(key, { use: u, anchor, target, minors, uses, members: [m] });
      }
    }
    for (const x of found.values()) report(mismatchFinding(workspace, x));
  },
});

interface Mismatch {
  readonly use: Use;
  readonly anchor?: Use;
  readonly target: Target;
  readonly minors: readonly string[];
  /** the uses of the first member */
  readonly uses: readonly Use[];
  readonly members: Manifest[];
}

const spanKey = (span: Span): string => `${span.file}:${span.start}:${span.end}`;
const nameOf = (m: Manifest): string => m.packageName?.value ?? m.file.path;

function mismatchFinding(ws: Workspace, { use: u, anchor, target, minors, uses, members }: Mismatch): Finding {
  const [first] = members as [Manifest, ...Manifest[]];
  const siblings = members.length > 1 ? members.map((m) => secondary(m.packageName?.span ?? { file: m.file.id, start: 0, end: 0 }, `${nameOf(m)} has this mismatch`)) : [];
  const update = u.dep && ws.lockfile ? [`after changing the requirement, \`cargo update -p ${u.crate}\` moves Cargo.lock onto it`] : [];
  return {
    cause: 'framework:egui',
    message: `${code(u.crate)} ${code(u.minor)} does not match the other egui crates of ${members.map((m) => code(nameOf(m))).join(', ')} at ${code(target.minor)}`,
    labels: [u.label, ...(anchor ? [secondary(anchor.label.span, `${anchor.crate} is ${target.minor}`)] : []), ...siblings],
    notes: [
      `${minors.map((v) => code(v)).join(' and ')} are semver-incompatible: Cargo builds both, and egui types from one do not match the other (error[E0308]: two different versions of crate \`egui\` are being used)`,
      `${members.length > 1 ? code(nameOf(first)) : 'this manifest'} uses ${uses.map((x) => `${x.where} ${x.minor}`).join(', ')}`,
    ],
    help: [
      `align every egui-family crate on ${code(target.minor)}, ${target.why} (check with \`cargo tree -i egui\`); egui_plot and third-party add-ons follow their own versions`,
      ...update,
    ],
    fix: u.dep ? requirementFix(ws, u.dep, target) : u.pkg && lockFix(ws, first, u.pkg, target),
  };
}

function distinctMinors(uses: readonly Use[]): string[] {
  return [...new Set(uses.map((u) => u.minor))].sort(byMinorDesc);
}
