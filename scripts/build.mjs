// Bundles the bins, the library entry and the Action into one committed, minified esbuild build
// (design.md §0 item 10, integrations.md §2.4): the four entries share code through chunks, so
// nothing is bundled twice, and the output is byte-for-byte reproducible (content-hashed chunk
// names, no timestamps, no absolute paths), which lets `.ci/run` fail on a stale committed bundle.
// `node scripts/build.mjs [outdir]`: dist/ by default; tests bundle into a private directory.
import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** yargs' help-layout modules, replaced in the bundle (scripts/shims/cliui.mjs says why). */
const shims = {
  name: 'yargs-help-shims',
  setup(b) {
    b.onResolve({ filter: /^(cliui|string-width)$/ }, (args) => ({ path: fileURLToPath(new URL(`./shims/${args.path}.mjs`, import.meta.url)) }));
  },
};

/** The bundle's entry points (output name → source); the bins get a shebang and the x bit. */
export const ENTRIES = {
  cli: 'src/bin/wasm-doctor.ts',
  'cargo-wasm-doctor': 'src/bin/cargo-wasm-doctor.ts',
  index: 'src/index.ts',
  action: 'src/action.ts',
};
const BINS = ['cli.js', 'cargo-wasm-doctor.js'];
/** The licences of the bundled packages, next to the bundle. */
const LICENSES = 'THIRD-PARTY-LICENSES.txt';

/** The JavaScript files `bundle` writes, relative to outdir, sorted: what is committed under dist/. */
export function bundleFiles(outdir) {
  const chunks = readdirSync(join(outdir, 'chunks')).map((f) => `chunks/${f}`);
  return [...Object.keys(ENTRIES).map((e) => `${e}.js`), LICENSES, ...chunks].sort();
}

export async function bundle(outdir) {
  rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
  for (const f of [...Object.keys(ENTRIES).map((e) => `${e}.js`), LICENSES]) rmSync(join(outdir, f), { force: true });
  // Bundled CommonJS packages call require(); ESM output has none, so every file defines one.
  // A shebang is legal at the start of any module, so all outputs share one banner.
  const banner = "#!/usr/bin/env node\nimport { createRequire as __wdCreateRequire } from 'node:module'; const require = __wdCreateRequire(import.meta.url);";
  const result = await build({
    metafile: true,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    // Licence texts of the bundled packages stay with the code (MIT and ISC require it).
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [shims],
    banner: { js: banner },
  });
  for (const bin of BINS) chmodSync(join(outdir, bin), 0o755);
  writeFileSync(join(outdir, LICENSES), thirdPartyLicenses(Object.keys(result.metafile.inputs)), 'utf8');
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
