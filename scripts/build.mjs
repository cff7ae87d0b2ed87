// Bundles the bins, the library entry and the Action into one committed, minified esbuild build
// (design.md §0 item 10, integrations.md §2.4): the four entries share code through chunks, and
// the CLI is bundled once more as a script the bins can compile from a code cache. The output is
// byte-for-byte reproducible (content-hashed chunk names, no timestamps, no absolute paths), which
// lets `.ci/run` fail on a stale committed bundle.
// `node scripts/build.mjs [outdir]`: dist/ by default; tests bundle into a private directory.
import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** yargs' help-layout and package.json-finding modules, replaced in the bundle (scripts/shims/ say why). */
const shims = {
  name: 'yargs-shims',
  setup(b) {
    b.onResolve({ filter: /^(cliui|string-width|escalade\/sync)$/ }, (args) => ({ path: fileURLToPath(new URL(`./shims/${args.path.replace('/sync', '')}.mjs`, import.meta.url)) }));
  },
};

/** The ES module entry points (output name → source): the library and the Action. */
export const ENTRIES = {
  index: 'src/index.ts',
  action: 'src/action.ts',
};
/**
 * CommonJS scripts (output name → source): the two bins, and the CLI they run through `vm.Script`,
 * which can reuse the code V8 compiled on an earlier run (src/bin/compiled.ts); an ES module
 * cannot. A bin as CommonJS also starts faster than as an ES module.
 */
export const SCRIPTS = {
  'cli.cjs': 'src/bin/wasm-doctor.ts',
  'cargo-wasm-doctor.cjs': 'src/bin/cargo-wasm-doctor.ts',
  'wasm-doctor.cjs': 'src/cli.ts',
};
const BINS = ['cli.cjs', 'cargo-wasm-doctor.cjs'];
/** The licences of the bundled packages, next to the bundle. */
const LICENSES = 'THIRD-PARTY-LICENSES.txt';

const topFiles = () => [...Object.keys(ENTRIES).map((e) => `${e}.js`), ...Object.keys(SCRIPTS), LICENSES];

/** The JavaScript files `bundle` writes, relative to outdir, sorted: what is committed under dist/. */
export function bundleFiles(outdir) {
  const chunks = readdirSync(join(outdir, 'chunks')).map((f) => `chunks/${f}`);
  return [...topFiles(), ...chunks].sort();
}

export async function bundle(outdir) {
  rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
  for (const f of topFiles()) rmSync(join(outdir, f), { force: true });
  const common = {
    metafile: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: true,
    // Licence texts of the bundled packages stay with the code (MIT and ISC require it).
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [shims],
  };
  // Bundled CommonJS packages call require(); ESM output has none, so every module defines one.
  const esmBanner = "import { createRequire as __wdCreateRequire } from 'node:module'; const require = __wdCreateRequire(import.meta.url);";
  const modules = await build({ ...common, entryPoints: ENTRIES, outdir, splitting: true, chunkNames: 'chunks/[name]-[hash]', format: 'esm', banner: { js: esmBanner } });
  // In a script, `import.meta.url` (where the bins find the CLI, and the CLI the rule docs) is
  // the script's own file URL. The bins' shebang comes from their sources.
  const scripts = await build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(SCRIPTS).map(([out, src]) => [out.replace(/\.cjs$/, ''), src])),
    outdir,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { 'import.meta.url': '__wdModuleUrl' },
    banner: { js: 'var __wdModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  for (const bin of BINS) chmodSync(join(outdir, bin), 0o755);
  const inputs = new Set([...Object.keys(modules.metafile.inputs), ...Object.keys(scripts.metafile.inputs)]);
  writeFileSync(join(outdir, LICENSES), thirdPartyLicenses([...inputs]), 'utf8');
}

/** Name, version and licence text of every npm package the bundle inlines, sorted by name. */
function thirdPartyLicenses(inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const sections = [...dirs].map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `${pkg.license} (no licence file in the package)`;
    return `${pkg.name}@${pkg.version} (${pkg.license})\n\n${text}\n`;
  });
  const unique = [...new Set(sections)].sort();
  return `Third-party software bundled in dist/ (${unique.length} packages)\n\n${unique.join('\n----------------------------------------\n\n')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) await bundle(process.argv[2] ?? 'dist');
