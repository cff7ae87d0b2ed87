// Bundles the bins, the library entry and the Action into dist/ (design.md §0 item 10).
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const banner = "import { createRequire as __wdCreateRequire } from 'node:module'; const require = __wdCreateRequire(import.meta.url);";
const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', legalComments: 'none', logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: { cli: 'src/bin/wasm-doctor.ts', 'cargo-wasm-doctor': 'src/bin/cargo-wasm-doctor.ts', action: 'src/action.ts' }, outdir: 'dist', banner: { js: `#!/usr/bin/env node\n${banner}` } }),
  build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', banner: { js: banner } }),
]);
for (const bin of ['dist/cli.js', 'dist/cargo-wasm-doctor.js']) chmodSync(bin, 0o755);
