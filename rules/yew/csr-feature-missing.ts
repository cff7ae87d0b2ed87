import { addKey, asArray, code, compareVersions, compiledCrates, defineRule, dependencyEntry, describeBuild, editFix, featuresOf, hasBinary, insertItem, literalOf, lockedDependency, memberEntry, normalizeCrate, parseVersion, plainPageBuilds, primary, reqLowerBound, rustCodeMatch, secondary, setValue, tomlGet, tomlString, wasmBuilds, yew } from '../../src/api.ts';
import type { CompiledCrate, Dependency, Fix, Label, Lockfile, Manifest, Project, WasmBuild, Workspace } from '../../src/api.ts';

const TARGET = 'wasm32-unknown-unknown';
const isYew = (d: Dependency): boolean => normalizeCrate(d.name) === 'yew';

/** How the crate reaches the browser: a wasm build, or an `index.html` beside it (Trunk's default page). */
interface Client {
  readonly build: WasmBuild;
  /** learned from a page beside the crate rather than from a build configuration */
  readonly pageOnly: boolean;
}

function clients(ws: Workspace): Client[] {
  return [
    ...wasmBuilds(ws)
      .filter((b) => b.target === TARGET)
      .map((build) => ({ build, pageOnly: false })),
    ...plainPageBuilds(ws, ['yew']).map((build) => ({ build, pageOnly: true })),
  ];
}

/** The yew version a dependency builds with: the locked one, else the requirement's lower bound (`shown` as written). */
function versionOf(lock: Lockfile | undefined, m: Manifest, dep: Dependency): { lowest: string; shown: string } | undefined {
  const entry = lock && memberEntry(lock, m);
  const locked = lock && entry && lockedDependency(lock, entry, dep);
  if (locked) return parseVersion(locked.version.value) ? { lowest: locked.version.value, shown: locked.version.value } : undefined;
  const lowest = dep.req && reqLowerBound(dep.req.value);
  return lowest && dep.req ? { lowest, shown: dep.req.value } : undefined;
}

/** Does anything in these crates name one of `features` of yew: dependency features of any kind or table, `[features]`, `required-features`? */
function mentions(crates: readonly CompiledCrate[], features: readonly string[]): boolean {
  return crates.some((c) => {
    const keys = c.manifest.dependencies.filter(isYew).map((d) => d.key);
    const named = (entry: string) => keys.some((k) => features.some((f) => entry === `${k}/${f}` || entry === `${k}?/${f}`));
    return (
      c.deps.some((d) => isYew(d) && featuresOf(d, c.features).some((f) => features.includes(f))) ||
      c.manifest.dependencies.some((d) => isYew(d) && d.features.some((f) => features.includes(f.value))) ||
      [...c.manifest.features.values()].some((entries) => entries.some((e) => named(e.value))) ||
      c.manifest.requiredFeatures.some((f) => named(f.value))
    );
  });
}

/** `yew = "0.20"` → `yew = { version = "0.20", features = ["csr"] }`; `features = [...]` gains `"csr"`. */
function fixFor(m: Manifest, dep: Dependency): Fix | undefined {
  if (dep.inherited) return undefined;
  const title = 'enable the `csr` feature of `yew`';
  const csr = tomlString('csr');
  const entry = dependencyEntry(m, dep);
  const features = asArray(entry?.kind === 'table' ? tomlGet(entry, 'features') : undefined);
  if (features) return editFix(title, 'safe', [insertItem(m.file, features, 0, csr)]);
  if (entry?.kind === 'table') {
    const edit = addKey(m.file, entry, 'features', `[${csr}]`);
    return edit && editFix(title, 'safe', [edit]);
  }
  return entry?.kind === 'string' ? editFix(title, 'safe', [setValue(entry, `{ version = ${literalOf(m.file, entry)}, features = [${csr}] }`)]) : undefined;
}

/** Builders whose entry crate is an app that mounts itself: a Trunk page, wasm-pack (`#[wasm_bindgen(start)]`). */
const APP_BUILDERS: ReadonlySet<WasmBuild['builder']> = new Set(['trunk', 'wasm-pack']);

/**
 * Evidence that a compiled crate mounts yew's renderer: it is the entry crate of a Trunk or
 * wasm-pack build, or of a Cargo-config build and has a binary, or its code names `yew::Renderer`.
 * A component library (callbacks, `html!`, hooks) compiles without `csr` and gets none.
 */
function rendering(ws: Workspace, client: Client, c: CompiledCrate): { label?: Label } | undefined {
  const entry = c.manifest === client.build.manifest;
  if (entry && (APP_BUILDERS.has(client.build.builder) || (client.build.builder === 'cargo-config' && hasBinary(ws, c.manifest)))) return {};
  const use = rustCodeMatch(ws, c.manifest, yew.RENDERER_USE);
  return use ? { label: secondary(use, 'the browser renderer, compiled only with `csr`') } : undefined;
}

function whereBuilt(project: Project, client: Client): string {
  const m = client.build.manifest;
  if (!client.pageOnly) return describeBuild(client.build, project.sources);
  return `${code(project.sources.get(client.build.evidence.file).path)} sits beside ${code(m.packageName?.value ?? m.file.path)}: Trunk builds the crate next to a page that has no \`rel="rust"\` link`;
}

export default defineRule({
  id: 'yew/csr-feature-missing',
  summary: 'yew 0.20+ is built for the browser with neither its `csr` nor its `hydration` feature',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: [],
  check({ project, workspace, report }) {
    const reported = new Set<Dependency>();
    for (const client of clients(workspace)) {
      const crates = compiledCrates(workspace, client.build);
      for (const c of crates) {
        const dep = c.deps.find(isYew);
        const evidence = dep && !reported.has(dep) ? rendering(workspace, client, c) : undefined;
        if (!dep || !evidence) continue;
        const version = versionOf(workspace.lockfile, c.manifest, dep);
        if (!version || compareVersions(version.lowest, yew.RENDER_FEATURES_SINCE) < 0) continue;
        if (mentions(crates, yew.CLIENT_FEATURES) || (client.pageOnly && mentions(crates, ['ssr']))) continue;
        reported.add(dep);
        const fix = fixFor(c.manifest, dep);
        report({
          message: `${code('yew')} ${code(version.shown)} is built for the browser with neither ${code('csr')} nor ${code('hydration')}`,
          labels: [primary(dep.span, 'no `csr` feature'), ...(evidence.label ? [evidence.label] : [])],
          notes: [
            whereBuilt(project, client),
            `since yew 0.20 the browser renderer (\`yew::Renderer\`) is compiled only with the \`csr\` feature (\`hydration\` includes it), and yew enables no feature by default`,
            'no dependency entry, `[features]` entry, `required-features` or Trunk `data-cargo-features` of this build turns it on',
          ],
          help: [`add ${code('features = ["csr"]')} to the ${code('yew')} dependency in ${code(c.manifest.file.path)} (${code('hydration')} for a server-rendered app)`],
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
