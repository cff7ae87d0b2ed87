/**
 * Trunk's default page: `trunk build` in a crate's directory takes the `index.html` there and, when
 * the page names no crate, compiles the crate beside it for wasm32-unknown-unknown. Such a page
 * configures nothing that `wasmBuilds` can see, so it counts only together with a browser
 * dependency of the crate itself.
 */
import { appliesTo, wasmBuilds, type WasmBuild } from './builds.ts';
import type { Manifest, TextFile, Workspace } from '../workspace/model.ts';
import { normalizeCrate } from './workspace-queries.ts';

const TARGET = 'wasm32-unknown-unknown';

/** A page without `data-trunk` and without scripts: what Trunk accepts for the crate next to it. */
const plainPage = (page: TextFile): boolean => !page.file.text.includes('data-trunk') && !/<script\b/i.test(page.file.text);

const usesAny = (m: Manifest, crates: ReadonlySet<string>): boolean =>
  m.dependencies.some((d) => d.kind === 'normal' && crates.has(normalizeCrate(d.name)) && appliesTo(d, TARGET) === true);

/**
 * Members that no build configuration covers but that have a plain `index.html` beside them and
 * depend directly on one of `browserCrates`: built for wasm32-unknown-unknown by Trunk's default.
 */
export function plainPageBuilds(ws: Workspace, browserCrates: readonly string[]): WasmBuild[] {
  const known = new Set(wasmBuilds(ws).map((b) => b.manifest));
  const crates = new Set(browserCrates.map(normalizeCrate));
  const out: WasmBuild[] = [];
  for (const m of ws.members) {
    const page = ws.html.find((h) => h.dir === m.dir && plainPage(h));
    if (!page || known.has(m) || !usesAny(m, crates)) continue;
    out.push({ manifest: m, target: TARGET, builder: 'trunk', evidence: { file: page.file.id, start: 0, end: 0 }, features: [], defaultFeatures: true });
  }
  return out;
}
