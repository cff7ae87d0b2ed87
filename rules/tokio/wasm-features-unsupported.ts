import {
  addToTable,
  asArray,
  asTable,
  code,
  compiledCrates,
  configCfgs,
  defineRule,
  dependencyEntry,
  describeBuild,
  describeTable,
  editFix,
  featureSources,
  featuresOf,
  flagOutsideCargo,
  literalOf,
  normalizeCrate,
  primary,
  removeItems,
  resolverOf,
  secondary,
  tokio,
  tomlGet,
  tomlString,
  withUncovered,
  wasmBuilds,
} from '../../src/api.ts';
import type { CompiledCrate, Dependency, FeatureSource, Finding, Fix, Label, Located, Manifest, Project, Span, WasmBuild, Workspace } from '../../src/api.ts';

/** The target table of a dependency that only native builds compile. */
const NATIVE = `cfg(not(target_arch = "wasm32"))`;

/** Where an unsupported feature is turned on: the dependency's `features` list or a `[features]` entry. */
interface Origin {
  readonly feature: string;
  readonly at: Located<string>;
  /** the package feature whose entry turns it on */
  readonly via?: string;
  /** an entry not compiled for the build whose features resolver "1" unifies in */
  readonly unified?: Dependency;
}

function originsIn({ crate: c, dep, compiled }: FeatureSource): Origin[] {
  const out: Origin[] = [];
  const unified = compiled ? undefined : dep;
  for (const feature of featuresOf(dep, c.features).filter((f) => tokio.UNSUPPORTED_ON_WASM.has(f))) {
    const own = dep.features.find((f) => f.value === feature);
    if (own) {
      out.push({ feature, at: own, unified });
      continue;
    }
    for (const [name, entries] of c.manifest.features) {
      const at = c.features.features.has(name) ? entries.find((e) => e.value === `${dep.key}/${feature}` || e.value === `${dep.key}?/${feature}`) : undefined;
      if (at) {
        out.push({ feature, at, via: name, unified });
        break;
      }
    }
  }
  return out;
}

/**
 * The dependency's own origins and those of the entries only resolver "1" unifies in (other
 * compiled tokio entries are reported on their own). A feature already turned on is not repeated.
 */
function originsOf(crates: readonly CompiledCrate[], c: CompiledCrate, dep: Dependency): Origin[] {
  const out: Origin[] = [];
  for (const source of featureSources(crates, c, dep).filter((s) => s.dep === dep || !s.compiled)) {
    for (const o of originsIn(source)) if (!out.some((x) => x.feature === o.feature)) out.push(o);
  }
  // `full` turns on every other one, so it leads.
  return out.sort((a, b) => Number(b.feature === 'full') - Number(a.feature === 'full'));
}

/** Package feature → the tokio features its `[features]` entry turns on. */
function viaFeatures(origins: readonly Origin[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of origins) if (o.via) out.set(o.via, [...(out.get(o.via) ?? []), o.feature]);
  return out;
}

const list = (items: readonly string[]): string => {
  const quoted = items.map((i) => code(i));
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
};

/** Notes, labels and help for features that reach the build only through resolver "1". */
function unification(ws: Workspace, origins: readonly Origin[]): { labels: Label[]; notes: string[]; help: string[] } {
  const unified = origins.filter((o) => o.unified);
  if (unified.length === 0) return { labels: [], notes: [], help: [] };
  const resolver = resolverOf(ws);
  const tables = [...new Set(unified.map((o) => describeTable(o.unified as Dependency)))];
  const table = ws.root.workspace ? '[workspace]' : '[package]';
  return {
    labels: resolver.at ? [secondary(resolver.at, 'selects feature resolver "1"')] : [],
    notes: [
      `the workspace uses Cargo's feature resolver "1" (${resolver.why}), which unifies a package's features across all target tables and dependency kinds: ${list(unified.map((o) => o.feature))} from the ${tables.join(' and ')} ${tables.length > 1 ? 'entries reach' : 'entry reaches'} this build`,
    ],
    help: [`set ${code('resolver = "2"')} under ${code(table)} in ${code(ws.root.file.path)} so that entries of other targets and kinds keep their features to themselves`],
  };
}

/**
 * Moves the unsupported features out of the entry into a tokio entry of the native-only target
 * table, when the entry's own `features` list turns them all on (not `[features]`, not the workspace entry).
 */
function moveFix(m: Manifest, dep: Dependency, origins: readonly Origin[]): Fix | undefined {
  const features = asArray(tomlGet(asTable(dependencyEntry(m, dep)), 'features'));
  const own = (o: Origin) => o.via === undefined && o.at.span.file === m.file.id;
  if (!features || dep.target !== undefined || dep.kind !== 'normal' || !origins.every(own) || origins.some((o) => o.unified)) return undefined;
  const isMoved = (item: { readonly span: Span }): boolean => origins.some((o) => o.at.span.start === item.span.start);
  const moved = features.items.flatMap((item, i) => (isMoved(item) ? [i] : []));
  // An inherited entry may add only `features` and `optional`; a path or git dependency is not moved.
  const source = dep.inherited ? 'workspace = true' : dep.req && dep.req.span.file === m.file.id && !dep.path && !dep.git ? `version = ${literalOf(m.file, dep.req)}` : undefined;
  if (!source) return undefined;
  const entry = [
    source,
    ...(dep.name !== dep.key && !dep.inherited ? [`package = ${tomlString(dep.name)}`] : []),
    ...(dep.optional ? ['optional = true'] : []),
    `features = [${features.items.filter(isMoved).map((item) => literalOf(m.file, item)).join(', ')}]`,
  ];
  const remove = removeItems(m.file, features, moved);
  const add = remove && addToTable(m.file, m.toml, ['target', NATIVE, 'dependencies'], [[dep.key, `{ ${entry.join(', ')} }`]]);
  return remove && add && editFix(`move ${list(origins.map((o) => o.feature))} to a tokio entry for native targets only (wasm code that uses them no longer compiles)`, 'unsafe', [remove, add]);
}

function finding(project: Project, build: WasmBuild, c: CompiledCrate, dep: Dependency, origins: readonly Origin[], ws: Workspace): Finding {
  const crate = c.manifest.packageName?.value ?? c.manifest.file.path;
  const features = origins.map((o) => o.feature);
  const [lead, ...rest] = origins as [Origin, ...Origin[]];
  const labels: Label[] = [primary(lead.at.span, 'not supported on wasm'), ...rest.map((o) => secondary(o.at.span, 'also not supported on wasm'))];
  if (lead.unified) labels.push(secondary(dep.span, `compiles ${code('tokio')} for ${code(build.target)}`));
  const first = c.via[0];
  if (first) labels.push(secondary(first.span, `compiles ${code(first.name)} for ${code(build.target)}`));
  else if (build.evidence.end > build.evidence.start) labels.push(secondary(build.evidence, `built for ${code(build.target)} here`));
  const resolver = unification(ws, origins);
  labels.push(...resolver.labels);
  const chain = [build.manifest.packageName?.value ?? build.manifest.file.path, ...c.via.map((d) => d.name)];
  const notes = [
    c.via.length > 0 ? `${describeBuild(build, project.sources)}, and compiles ${code(crate)} through ${chain.join(' → ')}` : describeBuild(build, project.sources),
    ...[...viaFeatures(origins)].map(([via, feats]) => `${list(feats.map((f) => `${dep.key}/${f}`))} ${feats.length > 1 ? 'come' : 'comes'} from the ${code(via)} feature, which this build turns on`),
    ...resolver.notes,
    `tokio allows only ${list(tokio.SUPPORTED_ON_WASM)} on wasm targets; the build stops with \`${tokio.WASM_ERROR}\``,
  ];
  return {
    message: `${code('tokio')} ${features.length > 1 ? 'features' : 'feature'} ${list(features)} of ${code(crate)} cannot be built for ${code(build.target)}`,
    labels,
    notes,
    fix: moveFix(c.manifest, dep, origins),
    help: [
      ...(lead.unified ? resolver.help : [`move ${code('tokio')} under ${code(`[target.'cfg(not(target_arch = "wasm32"))'.dependencies]`)} in ${code(c.manifest.file.path)}, or keep only ${list(tokio.SUPPORTED_ON_WASM)} for wasm (in the browser, spawn with \`wasm-bindgen-futures\`)`]),
      ...[...viaFeatures(origins).keys()].map((via) => `or leave the ${code(via)} feature out of the wasm build`),
      ...(lead.unified ? [] : resolver.help.map((h) => `or ${h}`)),
    ],
  };
}

export default defineRule({
  id: 'tokio/wasm-features-unsupported',
  summary: 'tokio features that do not compile on wasm are enabled in a crate built for wasm',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: [],
  check({ project, workspace, report }) {
    const reported = new Set<string>();
    for (const build of wasmBuilds(workspace)) {
      if (configCfgs(workspace, build.target).some((c) => c.name === tokio.UNSTABLE_CFG)) continue;
      // `--cfg tokio_unstable` lifts the check; CI or a script may pass it through `RUSTFLAGS`, for its own builds.
      const reach = flagOutsideCargo(project, workspace, build.target, tokio.UNSTABLE_CFG);
      if (reach.mentioned.length > 0 && reach.uncovered.length === 0) continue;
      const crates = compiledCrates(workspace, build);
      for (const c of crates) {
        for (const dep of c.deps) {
          if (normalizeCrate(dep.name) !== 'tokio') continue;
          const origins = originsOf(crates, c, dep);
          const key = `${dep.span.file}:${dep.span.start}`;
          if (origins.length === 0 || reported.has(key)) continue;
          reported.add(key);
          report(withUncovered(finding(project, build, c, dep, origins, workspace), reach, `--cfg ${tokio.UNSTABLE_CFG}`));
        }
      }
    }
  },
});
