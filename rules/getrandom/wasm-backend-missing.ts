import {
  addToTable,
  asArray,
  buildFeaturesOf,
  code,
  compiledCrates,
  configCfgs,
  defineRule,
  describeBuild,
  editFix,
  describePath,
  describeTable,
  featureSources,
  featuresOf,
  getrandom,
  insertItem,
  lockedDependency,
  memberEntry,
  flagOutsideCargo,
  packageKey,
  primary,
  reach,
  reqCompatKey,
  resolverOf,
  rootCargoConfig,
  secondary,
  setValue,
  tomlGet,
  tomlString,
  withUncovered,
  wasmBuilds,
} from '../../src/api.ts';
import type { CompiledCrate, Dependency, FeatureSource, Finding, Fix, LockedPackage, Lockfile, Project, RustcCfg, Span, TextEdit, WasmBuild, Workspace } from '../../src/api.ts';

const TARGET = 'wasm32-unknown-unknown';
/** The target table a browser-only dependency goes in: wasm32 without an OS (not WASI, not Emscripten). */
const WASM_UNKNOWN = 'cfg(all(target_arch = "wasm32", target_os = "unknown"))';
const CFG_ITEMS = `'--cfg', 'getrandom_backend="wasm_js"'`;

/** A getrandom lock entry a wasm32-unknown-unknown build compiles, and how it gets there. */
interface Use {
  readonly pkg: LockedPackage;
  readonly major: getrandom.Major;
  readonly build: WasmBuild;
  /** the manifest dependency that compiles it (getrandom itself, or rand/rand_core) */
  readonly dep: Dependency;
  /** the built member → … → getrandom, through the lock */
  readonly chain: readonly LockedPackage[];
  /** an entry of another target or kind whose features resolver "1" unifies in and that alone compiles getrandom */
  readonly unified?: Dependency;
}

interface Missing {
  /** the JS feature is off */
  readonly feature: boolean;
  /** 0.3.0–0.3.3 without `--cfg getrandom_backend="wasm_js"` */
  readonly cfg: boolean;
  /** `--cfg getrandom_backend="wasm_js"` is passed */
  readonly cfgSet: boolean;
}

const requirementLine = (dep: Dependency): string | undefined => dep.req && reqCompatKey(dep.req.value);

/** Does the build turn on a feature of this carrier that compiles getrandom (over every entry Cargo unifies into it)? */
function carries(carrier: getrandom.Carrier, crates: readonly CompiledCrate[], c: CompiledCrate, dep: Dependency): boolean {
  return featureSources(crates, c, dep).some((s) => gives(carrier, s));
}

const gives = (carrier: getrandom.Carrier, s: FeatureSource): boolean =>
  (carrier.byDefault && s.dep.defaultFeatures) || featuresOf(s.dep, s.crate.features).some((f) => carrier.features.includes(f));

/** The entry of another target or kind that alone gives the carrier its getrandom feature (resolver "1" unifies it in). */
function unifiedCarrier(carrier: getrandom.Carrier, crates: readonly CompiledCrate[], c: CompiledCrate, dep: Dependency): Dependency | undefined {
  const sources = featureSources(crates, c, dep);
  return sources.some((s) => s.compiled && gives(carrier, s)) ? undefined : sources.find((s) => !s.compiled && gives(carrier, s))?.dep;
}

/** getrandom entries the build's crates reach directly or through rand/rand_core. */
function usesOf(ws: Workspace, lock: Lockfile, build: WasmBuild, crates: readonly CompiledCrate[]): Use[] {
  const out: Use[] = [];
  const entryAt = (dir: string | undefined) => {
    const m = ws.members.find((x) => x.dir === dir);
    return m && memberEntry(lock, m);
  };
  for (const c of crates) {
    const entry = memberEntry(lock, c.manifest);
    const prefix = [build.manifest.dir, ...c.via.map((d) => d.pathDir)].map(entryAt);
    if (!entry || prefix.some((p) => p === undefined)) continue;
    for (const dep of c.deps) {
      const locked = lockedDependency(lock, entry, dep);
      if (!locked) continue;
      const paths: LockedPackage[][] = [];
      if (dep.name === 'getrandom') paths.push([locked]);
      const carrier = getrandom.carrierOf(dep.name, locked.version.value);
      const unified = carrier && unifiedCarrier(carrier, crates, c, dep);
      if (carrier && carries(carrier, crates, c, dep)) {
        const reached = reach(lock, locked);
        for (const last of reached.packages()) {
          if (last.name === 'getrandom' && getrandom.majorOf(last.version.value) === carrier.getrandom) paths.push([...reached.pathTo(last)]);
        }
      }
      for (const path of paths) {
        const pkg = path[path.length - 1] as LockedPackage;
        const major = getrandom.majorOf(pkg.version.value);
        if (major) out.push({ pkg, major, build, dep, chain: [...(prefix as LockedPackage[]), ...path], unified });
      }
    }
  }
  return out;
}

/**
 * A getrandom dependency of this major that the build compiles with the JS feature: Cargo.lock
 * lists `js-sys` once Cargo next resolves (a lock older than the manifest, e.g. right after `--fix`).
 */
const declared = (crates: readonly CompiledCrate[], major: getrandom.Major): boolean =>
  crates.some((c) => c.deps.some((d) => d.name === 'getrandom' && requirementLine(d) === major && buildFeaturesOf(crates, c, d).includes(getrandom.JS_FEATURE[major])));

/** A getrandom 0.2 dependency of the build with the `custom` feature registers its own backend. */
const customBackend = (crates: readonly CompiledCrate[]): boolean =>
  crates.some((c) => c.deps.some((d) => d.name === 'getrandom' && buildFeaturesOf(crates, c, d).includes('custom')));

/**
 * What a getrandom `version` of `major` lacks when its JS feature is `featureOn`. `custom`: a 0.2
 * dependency enables the custom backend. `scripted`: a CI file, Dockerfile, Makefile or script
 * names the backend cfg, which may reach rustc through `RUSTFLAGS`.
 */
function missingOf(major: getrandom.Major, version: string, featureOn: boolean, cfgs: readonly RustcCfg[], custom: boolean, scripted: boolean): Missing | undefined {
  const feature = !featureOn;
  if (major === '0.2') return feature && !custom ? { feature, cfg: false, cfgSet: false } : undefined;
  if (scripted) return undefined;
  const backends = cfgs.filter((c) => c.name === getrandom.BACKEND_CFG);
  if (backends.some((b) => b.value !== 'wasm_js')) return undefined;
  const cfgSet = backends.length > 0;
  const cfg = getrandom.needsBackendCfg(version) && !cfgSet;
  return feature || cfg ? { feature, cfg, cfgSet } : undefined;
}

/** A locked getrandom entry lists `js-sys` or `wasm-bindgen` only when its JS feature is on somewhere. */
const lockedWithJs = (pkg: LockedPackage): boolean => pkg.dependencies.some((ref) => getrandom.JS_DEPENDENCIES.includes(ref.split(' ')[0] ?? ''));

const CFG_FLAG = '--cfg getrandom_backend="wasm_js"';

/**
 * `--cfg getrandom_backend="wasm_js"` for the target in the workspace's Cargo config: the target's
 * `rustflags` extended, or added. Not when only `[build] rustflags` is set: target rustflags would replace it.
 */
function cfgEdit(project: Project, ws: Workspace): TextEdit | undefined {
  const config = rootCargoConfig(project, ws);
  const flags = tomlGet(config.toml, 'target', TARGET, 'rustflags');
  const list = asArray(flags);
  if (list) return insertItem(config.file, list, list.items.length, CFG_ITEMS);
  if (flags?.kind === 'string') return setValue(flags, tomlString(`${flags.value} ${CFG_FLAG}`));
  if (flags || tomlGet(config.toml, 'build', 'rustflags')) return undefined;
  return addToTable(config.file, config.toml, ['target', TARGET], [['rustflags', `[${CFG_ITEMS}]`]]);
}

/** The getrandom entry that turns the JS feature on; renamed when the manifest already has `getrandom` on another line. */
function entryOf(build: WasmBuild, major: getrandom.Major): readonly [string, string] {
  const feature = getrandom.JS_FEATURE[major];
  const clash = build.manifest.dependencies.some((d) => d.key === 'getrandom' && requirementLine(d) !== major);
  return [clash ? `getrandom_${major.replace('.', '')}` : 'getrandom', `{ ${clash ? 'package = "getrandom", ' : ''}version = "${major}", features = ["${feature}"] }`];
}

/**
 * One fix for everything a build misses: the getrandom entries with the JS feature in the built
 * crate, and the backend cfg where 0.3.0–0.3.3 need it. Each finding of the build carries it.
 */
function backendFix(project: Project, ws: Workspace, build: WasmBuild, found: readonly (readonly [Use, Missing])[]): Fix | undefined {
  const m = build.manifest;
  const byMajor = new Map(found.filter(([, x]) => x.feature).map(([u]) => [u.major, entryOf(u.build, u.major)] as const));
  const entries = [...byMajor.values()];
  const cfg = found.some(([, x]) => x.cfg);
  const wanted = [...(entries.length > 0 ? [addToTable(m.file, m.toml, ['target', WASM_UNKNOWN, 'dependencies'], entries)] : []), ...(cfg ? [cfgEdit(project, ws)] : [])];
  const edits = wanted.filter((e): e is TextEdit => e !== undefined);
  if (edits.length !== wanted.length) return undefined;
  const what = [...[...byMajor.keys()].map((major) => `add getrandom ${major} with \`${getrandom.JS_FEATURE[major]}\``), ...(cfg ? [`pass \`${CFG_FLAG}\` in the Cargo config`] : [])];
  return editFix(`${what.join(' and ')} for ${TARGET}`, 'unsafe', edits);
}

/** What a finding is about: the getrandom release, where it shows, and how the build reaches it. */
interface Found {
  readonly version: string;
  readonly major: getrandom.Major;
  readonly build: WasmBuild;
  readonly dep: Dependency;
  /** the label on the release: the lock entry's version, or the requirement without a lock */
  readonly at: Span;
  readonly locked: boolean;
  /** "`app` → `rand 0.8.5` → …", or the requirement's resolution */
  readonly path: string;
  readonly unified?: Dependency;
}

function finding(project: Project, ws: Workspace, found: Found, missing: Missing, fix?: Fix): Finding {
  const { version, major, build } = found;
  const feature = getrandom.JS_FEATURE[major];
  const lacks = [...(missing.feature ? [`its ${code(feature)} feature`] : []), ...(missing.cfg ? [code(CFG_FLAG)] : [])].join(' and ');
  const manifest = build.manifest;
  const [key, literal] = entryOf(build, major);
  const entry = `${key} = ${literal}`;
  const notes = [`${describeBuild(build, project.sources)}; it compiles ${found.path}`];
  const help: string[] = [];
  if (missing.feature) {
    notes.push(
      found.locked
        ? `getrandom ${major} has a ${code(TARGET)} backend only with its ${code(feature)} feature; this lock entry lists neither \`js-sys\` nor \`wasm-bindgen\`, so no crate in the graph turns it on`
        : `getrandom ${major} has a ${code(TARGET)} backend only with its ${code(feature)} feature, and no crate this build compiles turns it on (there is no Cargo.lock; no dependency enables a JS or wasm feature that could)`,
    );
    const unified = found.dep.name === 'getrandom' ? '' : ` (Cargo unifies features, so the getrandom ${major} that ${found.dep.name} pulls in gets it too)`;
    help.push(`add ${code(entry)} under ${code(`[target.'${WASM_UNKNOWN}'.dependencies]`)} in ${code(manifest.file.path)}${unified}`);
  }
  if (missing.cfg) {
    notes.push(
      `getrandom 0.3.0–0.3.3 use the JS backend only with ${code(CFG_FLAG)}, and no Cargo config of this workspace passes it for ${code(TARGET)} (\`RUSTFLAGS\` from the environment is not seen)`,
    );
    help.push(
      `update getrandom to ${getrandom.FEATURE_ALONE_SINCE} or later, where the feature alone is enough: \`cargo update -p getrandom@${version}\`; or add \`[target.wasm32-unknown-unknown] rustflags = ['--cfg', 'getrandom_backend="wasm_js"']\` to \`.cargo/config.toml\``,
    );
  }
  if (found.unified) {
    notes.push(`${code(found.dep.name)} compiles getrandom only with the features of its ${describeTable(found.unified)} entry, which Cargo's feature resolver "1" (${resolverOf(ws).why}) unifies into this build`);
    help.push(`or set ${code('resolver = "2"')} in the workspace root so that entries of other targets and kinds keep their features to themselves`);
  }
  notes.push(`the build stops with \`error: ${getrandom.errorFor(major, missing.cfgSet)}\``);
  const onRelease = found.locked ? (missing.feature ? 'locked without `js-sys` or `wasm-bindgen`' : `locked before ${getrandom.FEATURE_ALONE_SINCE}`) : `resolves to getrandom ${version} without a Cargo.lock`;
  const labels = [primary(found.at, onRelease)];
  if (found.locked) {
    labels.push(secondary(found.dep.span, found.dep.name === 'getrandom' ? `compiled for ${TARGET}` : `compiles getrandom ${major} for ${TARGET}`));
  }
  if (found.unified) labels.push(secondary(found.unified.span, `unified into the wasm build by resolver "1"`));
  return { message: `${code('getrandom')} ${code(version)} is compiled for ${code(TARGET)} without ${lacks}`, labels, notes, help, ...(fix ? { fix } : {}) };
}

/**
 * Without a Cargo.lock: the getrandom entries the build compiles directly, or through rand or
 * rand_core with a feature that compiles getrandom, resolved as Cargo would resolve them fresh: to
 * the newest release the knowledge base knows that the requirement admits.
 */
function unlockedFindings(project: Project, ws: Workspace, build: WasmBuild, crates: readonly CompiledCrate[], cfgs: readonly RustcCfg[], scripted: boolean): { key: string; finding: Finding }[] {
  // A crate the build compiles may turn getrandom's JS feature on through a feature of its own (uuid `js`, ring `wasm32_unknown_unknown_js`); without the lock that cannot be ruled out.
  if (crates.some((c) => [...c.deps, ...c.unified].some((d) => d.name !== 'getrandom' && buildFeaturesOf(crates, c, d).some((f) => /js|wasm/i.test(f))))) return [];
  const custom = customBackend(crates);
  const direct = crates.flatMap((c) => c.deps.filter((d) => d.name === 'getrandom').map((dep) => ({ c, dep, version: dep.req && getrandom.newestAdmitted(dep.req.value) })));
  const featureOn = (major: getrandom.Major) => direct.some((d) => d.version && getrandom.majorOf(d.version) === major && buildFeaturesOf(crates, d.c, d.dep).includes(getrandom.JS_FEATURE[major]));
  const out: { key: string; finding: Finding }[] = [];
  const add = (dep: Dependency, version: string, path: string) => {
    const major = getrandom.majorOf(version);
    const missing = major && missingOf(major, version, featureOn(major), cfgs, custom, scripted);
    if (!major || !missing || !dep.req) return;
    out.push({ key: `unlocked ${major}`, finding: finding(project, ws, { version, major, build, dep, at: dep.req.span, locked: false, path }, missing) });
  };
  for (const { dep, version } of direct) if (version && dep.req) add(dep, version, `getrandom ${code(dep.req.value)}, which Cargo resolves to ${code(version)} (the newest release wasm-doctor knows)`);
  for (const c of crates) {
    for (const dep of c.deps) {
      const carrier = dep.req && getrandom.carrierOnLine(dep.name, reqCompatKey(dep.req.value));
      const version = carrier && getrandom.newestAdmitted(carrier.getrandom);
      if (carrier && version && carries(carrier, crates, c, dep)) add(dep, version, `${code(`${dep.name} ${dep.req?.value}`)}, which compiles getrandom ${carrier.getrandom} (${code(version)}, the newest release wasm-doctor knows)`);
    }
  }
  return out;
}

export default defineRule({
  id: 'getrandom/wasm-backend-missing',
  summary: 'getrandom is compiled for wasm32-unknown-unknown without its JS backend',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: [],
  check({ project, workspace, report }) {
    const lock = workspace.lockfile;
    const cfgs = configCfgs(workspace, TARGET);
    const reach = flagOutsideCargo(project, workspace, TARGET, getrandom.BACKEND_CFG);
    const scripted = reach.mentioned.length > 0 && reach.uncovered.length === 0;
    const reported = new Set<string>();
    for (const build of wasmBuilds(workspace).filter((b) => b.target === TARGET)) {
      const crates = compiledCrates(workspace, build);
      if (!lock) {
        for (const { key, finding: f } of unlockedFindings(project, workspace, build, crates, cfgs, scripted)) {
          if (reported.has(key)) continue;
          reported.add(key);
          report(f);
        }
        continue;
      }
      const custom = customBackend(crates);
      const found: [Use, Missing][] = [];
      for (const use of usesOf(workspace, lock, build, crates)) {
        const key = packageKey(use.pkg);
        const missing = reported.has(key) ? undefined : missingOf(use.major, use.pkg.version.value, lockedWithJs(use.pkg) || declared(crates, use.major), cfgs, custom, scripted);
        if (!missing) continue;
        reported.add(key);
        found.push([use, missing]);
      }
      const fix = found.length > 0 ? backendFix(project, workspace, build, found) : undefined;
      for (const [use, missing] of found) {
        const about = { version: use.pkg.version.value, major: use.major, build, dep: use.dep, at: use.pkg.version.span, locked: true, path: describePath(use.chain), unified: use.unified };
        report(withUncovered(finding(project, workspace, about, missing, fix), reach, CFG_FLAG));
      }
    }
  },
});
