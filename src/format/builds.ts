/** `--explain-builds`: the predicted wasm-bindgen of each build path as a plain-text table. */
import { relative, sep } from 'node:path';
import type { Report } from '../engine/report.ts';
import type { BuildPrediction, BuildVerdict } from '../analysis/predict.ts';
import { locate } from './location.ts';
import { sanitize } from './sanitize.ts';

const VERDICT: Record<BuildVerdict, string> = {
  matches: 'ok: the locked version',
  'same-schema': 'works today: same bindgen schema, different version',
  'different-schema': 'fails: different bindgen schema',
  unknown: 'unknown: schema not in wasm-doctor’s table',
  newest: 'drifts: the newest release at install time',
  'no-lockfile': 'no Cargo.lock to compare with',
};

export function formatBuilds(report: Report): string {
  const builds = report.builds ?? [];
  if (builds.length === 0) return 'builds: no build path that runs wasm-bindgen was found\n';
  const out = ['builds (the wasm-bindgen each build path runs):'];
  const byWorkspace = new Map<string, BuildPrediction[]>();
  for (const b of builds) byWorkspace.set(b.workspace, [...(byWorkspace.get(b.workspace) ?? []), b]);
  for (const [dir, rows] of byWorkspace) {
    const name = relative(report.root, dir).split(sep).join('/') || '.';
    const locked = rows[0]?.locked;
    out.push(`  ${name}: ${locked ? `Cargo.lock has wasm-bindgen ${locked}` : 'no wasm-bindgen in Cargo.lock'}`);
    const cells = rows.map((r) => [
      r.builder,
      r.where ? (({ file, line }) => `${file}:${line}`)(locate(report.sources, r.where)) : '',
      r.source,
      r.version ?? 'newest',
      VERDICT[r.verdict],
    ]);
    const header = ['builder', 'where', 'wasm-bindgen from', 'version', 'verdict'];
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
    for (const c of [header, ...cells]) out.push(`    ${c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
  }
  return `${out.map(sanitize).join('\n')}\n`;
}
