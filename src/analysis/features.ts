/**
 * Cargo feature resolution: which features, optional deps and dep features a build turns on within
 * one manifest, and which resolver version decides how far features unify across a workspace.
 */
import type { Span } from '../syntax/span.ts';
import { asBool, asString, asTable, get, type TomlTable } from '../syntax/toml/toml.ts';
import type { Dependency, Manifest, Workspace } from '../workspace/model.ts';

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

/**
 * Cargo's feature resolver of a workspace. "1" unifies a package's features across every target
 * table and across normal, dev- and build-dependencies; "2" and "3" keep entries of other targets,
 * dev-dependencies (outside tests) and build-dependencies apart (Cargo reference, "Dependency
 * Resolution" → "Resolver versions" and "Feature resolver version 2",
 * https://doc.rust-lang.org/cargo/reference/resolver.html#resolver-versions and
 * https://doc.rust-lang.org/cargo/reference/features.html#feature-resolver-version-2).
 */
export interface ResolverVersion {
  readonly version: '1' | '2' | '3';
  /** the `resolver` or `edition` value that decided it; absent for a default */
  readonly at?: Span;
  /** why, for notes: "`resolver = \"1\"`", "edition 2018", "a virtual workspace without `resolver`" */
  readonly why: string;
}

/**
 * The edition's default resolver (Cargo reference, "The `edition` field" and "Resolver versions":
 * 2021 implies "2", 2024 implies "3"; 2015 and 2018 keep "1"). An edition this table does not know
 * yet gets "2": fewer features unified means fewer findings, never a false one.
 */
const EDITION_RESOLVER: Readonly<Record<string, ResolverVersion['version']>> = { '2015': '1', '2018': '1', '2021': '2', '2024': '3' };

const resolvers = new WeakMap<Workspace, ResolverVersion>();

/**
 * Only the workspace root's setting counts: `[workspace] resolver`, else the root package's
 * `resolver`, else its edition (inherited from `[workspace.package]` with `edition.workspace = true`;
 * 2015 when absent). A virtual workspace without `resolver` uses "1" (Cargo warns about it when a
 * member is on edition 2021: rust-lang/cargo#10910).
 */
export function resolverOf(ws: Workspace): ResolverVersion {
  let found = resolvers.get(ws);
  if (!found) {
    found = findResolver(ws.root.toml);
    resolvers.set(ws, found);
  }
  return found;
}

function findResolver(toml: TomlTable): ResolverVersion {
  const explicit = asString(get(toml, 'workspace', 'resolver')) ?? asString(get(toml, 'package', 'resolver'));
  if (explicit && (explicit.value === '1' || explicit.value === '2' || explicit.value === '3')) return { version: explicit.value, at: explicit.span, why: `\`resolver = "${explicit.value}"\`` };
  if (explicit) return { version: '2', at: explicit.span, why: `\`resolver = "${explicit.value}"\`` };
  const pkg = asTable(get(toml, 'package'));
  if (!pkg) return { version: '1', why: 'a virtual workspace without `resolver`' };
  const inherits = asBool(get(pkg, 'edition', 'workspace')) === true;
  const edition = inherits ? asString(get(toml, 'workspace', 'package', 'edition')) : asString(get(pkg, 'edition'));
  if (!edition) return { version: '1', why: 'edition 2015 (no `edition` field)' };
  return { version: EDITION_RESOLVER[edition.value] ?? '2', at: edition.span, why: `edition ${edition.value}` };
}
