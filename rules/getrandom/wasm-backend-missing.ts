import {
  addToTable,
  asArray,
  code,
  compiledCrates,
  configCfgs,
  defineRule,
  describeBuild,
  editFix,
  describePath,
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
  rootCargoConfig,
  secondary,
  setValue,
  tomlGet,
  tomlString,
  withUncovered,
  wasmBuilds,
} from '../../src/api.ts';
import type { CompiledCrate, Dependency, Finding, Fix, LockedPackage, Lockfile, Project, RustcCfg, TextEdit, WasmBuild, Workspace } from '../../src/api.ts';

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

/** Does this dependency on a carrier turn on a feature that compiles getrandom? */
function carries(carrier: getrandom.Carrier, dep: Dependency, c: CompiledCrate): boolean {
  return (carrier.byDefault && dep.defaultFeatures) || featuresOf(dep, c.features).some((f) => carrier.features.includes(f));
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
      if (carrier && carries(carrier, dep, c)) {
        for (const path of reach(lock, locked).values()) {
          const last = path[path.length - 1];
          if (last?.name === 'getrandom' && getrandom.majorOf(last.version.value) === carrier.getrandom) paths.push(path);
        }
      }
      for (const path of paths) {
        const pkg = path[path.length - 1] as LockedPackage;
        const major = getrandom.majorOf(pkg.version.value);
        if (major) out.push({ pkg, major, build, dep, chain: [...(prefix as LockedPackage[]), ...path] });
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
  crates.some((c) => c.deps.some((d) => d.name === 'getrandom' && requirementLine(d) === major && featuresOf(d, c.features).includes(getrandom.JS_FEATURE[major])));

/** A getrandom 0.2 dependency of the build with the `custom` feature registers its own backend. */
const customBackend = (crates: readonly CompiledCrate[]): boolean =>
  crates.some((c) => c.deps.some((d) => d.name === 'getrandom' && featuresOf(d, c.features).includes('custom')));

/**
 * What the entry lacks. `custom`: a 0.2 dependency enables the custom backend. `scripted`: a CI
 * file, Dockerfile, Makefile or script names the backend cfg, which may reach rustc through `RUSTFLAGS`.
 */
function missingOf(use: Use, cfgs: readonly RustcCfg[], custom: boolean, scripted: boolean, crates: readonly CompiledCrate[]): Missing | undefined {
  const feature = !use.pkg.dependencies.some((ref) => getrandom.JS_DEPENDENCIES.includes(ref.split(' ')[0] ?? '')) && !declared(crates, use.major);
  if (use.major === '0.2') return feature && !custom ? { feature, cfg: false, cfgSet: false } : undefined;
  if (scripted) return undefined;
  const backends = cfgs.filter((c) => c.name === getrandom.BACKEND_CFG);
  if (backends.some((b) => b.value !== 'wasm_js')) return undefined;
  const cfgSet = backends.length > 0;
  const cfg = getrandom.needsBackendCfg(use.pkg.version.value) && !cfgSet;
  return feature || cfg ? { feature, cfg, cfgSet } : undefined;
}

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
function entryOf(use: Use): readonly [string, string] {
  const feature = getrandom.JS_FEATURE[use.major];
  const clash = use.build.manifest.dependencies.some((d) => d.key === 'getrandom' && requirementLine(d) !== use.major);
  return [clash ? `getrandom_${use.major.replace('.', '')}` : 'getrandom', `{ ${clash ? 'package = "getrandom", ' : ''}version = "${use.major}", features = ["${feature}"] }`];
}

/**
 * One fix for everything a build misses: the getrandom entries with the JS feature in the built
 * crate, and the backend cfg where 0.3.0–0.3.3 need it. Each finding of the build carries it.
 */
function backendFix(project: Project, ws: Workspace, build: WasmBuild, found: readonly (readonly [Use, Missing])[]): Fix | undefined {
  const m = build.manifest;
  const byMajor = new Map(found.filter(([, x]) => x.feature).map(([u]) => [u.major, entryOf(u)] as const));
  const entries = [...byMajor.values()];
  const cfg = found.some(([, x]) => x.cfg);
  const wanted = [...(entries.length > 0 ? [addToTable(m.file, m.toml, ['target', WASM_UNKNOWN, 'dependencies'], entries)] : []), ...(cfg ? [cfgEdit(project, ws)] : [])];
  const edits = wanted.filter((e): e is TextEdit => e !== undefined);
  if (edits.length !== wanted.length) return undefined;
  const what = [...[...byMajor.keys()].map((major) => `add getrandom ${major} with \`${getrandom.JS_FEATURE[major]}\``), ...(cfg ? [`pass \`${CFG_FLAG}\` in the Cargo config`] : [])];
  return editFix(`${what.join(' and ')} for ${TARGET}`, 'unsafe', edits);
}

function finding(project: Project, use: Use, missing: Missing, fix: Fix | undefined): Finding {
  const { pkg, major, build } = use;
  const version = pkg.version.value;
  const feature = getrandom.JS_FEATURE[major];
  const lacks = [...(missing.feature ? [`its ${code(feature)} feature`] : []), ...(missing.cfg ? [code(CFG_FLAG)] : [])].join(' and ');
  const manifest = build.manifest;
  const [key, literal] = entryOf(use);
  const entry = `${key} = ${literal}`;
  const notes = [`${describeBuild(build, project.sources)}; it compiles ${describePath(use.chain)}`];
  const help: string[] = [];
  if (missing.feature) {
    notes.push(
      `getrandom ${major} has a ${code(TARGET)} backend only with its ${code(feature)} feature; this lock entry lists neither \`js-sys\` nor \`wasm-bindgen\`, so no crate in the graph turns it on`,
    );
    const unified = use.dep.name === 'getrandom' ? '' : ` (Cargo unifies features, so the getrandom ${major} that ${use.dep.name} pulls in gets it too)`;
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
  notes.push(`the build stops with \`error: ${getrandom.errorFor(major, missing.cfgSet)}\``);
  return {
    message: `${code('getrandom')} ${code(version)} is compiled for ${code(TARGET)} without ${lacks}`,
    labels: [
      primary(pkg.version.span, missing.feature ? 'locked without `js-sys` or `wasm-bindgen`' : `locked before ${getrandom.FEATURE_ALONE_SINCE}`),
      secondary(use.dep.span, use.dep.name === 'getrandom' ? `compiled for ${TARGET}` : `compiles getrandom ${major} for ${TARGET}`),
    ],
    notes,
    help,
    fix,
  };
}

export default defineRule({
  id: 'getrandom/wasm-backend-missing',
  summary: 'getrandom is compiled for wasm32-unknown-unknown without its JS backend',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: [],
  check({ project, workspace, report }) {
    const lock = workspace.lockfile;
    if (!lock) return;
    const cfgs = configCfgs(workspace, TARGET);
    const reach = flagOutsideCargo(project, workspace, TARGET, getrandom.BACKEND_CFG);
    const scripted = reach.mentioned.length > 0 && reach.uncovered.length === 0;
    const reported = new Set<string>();
    for (const build of wasmBuilds(workspace).filter((b) => b.target === TARGET)) {
      const crates = compiledCrates(workspace, build);
      const custom = customBackend(crates);
      const found: [Use, Missing][] = [];
      for (const use of usesOf(workspace, lock, build, crates)) {
        const key = packageKey(use.pkg);
        const missing = reported.has(key) ? undefined : missingOf(use, cfgs, custom, scripted, crates);
        if (!missing) continue;
        reported.add(key);
        found.push([use, missing]);
      }
      const fix = found.length > 0 ? backendFix(project, workspace, build, found) : undefined;
      for (const [use, missing] of found) report(withUncovered(finding(project, use, missing, fix), reach, CFG_FLAG));
    }
  },
});
