// Bundles the bins, the library entry and the Action (design.md §0 item 10).
// `node scripts/build.mjs [outdir]`: dist/ by default; tests bundle into a private directory.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** yargs' help-layout modules, replaced in the bundle (scripts/shims/cliui.mjs says why). */
const shims = {
  name: 'yargs-help-shims',
  setup(b) {
    b.onResolve({ filter: /^(cliui|string-width)$/ }, (args) => ({ path: fileURLToPath(new URL(`./shims/${args.path}.mjs`, import.meta.url)) }));
  },
};

export async function bundle(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  const banner = "import { createRequire as __wdCreateRequire } from 'node:module'; const require = __wdCreateRequire(import.meta.url);";
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', legalComments: 'none', logLevel: 'warning', minify: true, plugins: [shims] };
  await Promise.all([
    build({ ...common, splitting: true, chunkNames: 'chunks/[name]-[hash]', entryPoints: { cli: 'src/bin/wasm-doctor.ts', 'cargo-wasm-doctor': 'src/bin/cargo-wasm-doctor.ts' }, outdir, banner: { js: `#!/usr/bin/env node\n${banner}` } }),
    build({ ...common, entryPoints: { index: 'src/index.ts', action: 'src/action.ts' }, outdir, banner: { js: banner } }),
  ]);
  for (const bin of ['cli.js', 'cargo-wasm-doctor.js']) chmodSync(join(outdir, bin), 0o755);
}

if (import.meta.url === `file://${process.argv[1]}`) await bundle(process.argv[2] ?? 'dist');
