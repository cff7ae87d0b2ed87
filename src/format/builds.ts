/**
 * `--explain-builds`: the predicted wasm-bindgen of each build path as a plain-text table, then each
 * build environment with its toolchain, targets, builders and tools.
 */
import { relative, sep } from 'node:path';
import type { Span } from '../syntax/span.ts';
import type { Report } from '../engine/report.ts';
import type { BuildPrediction, BuildVerdict } from '../analysis/predict.ts';
import type { EnvironmentFact } from '../analysis/environments.ts';
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

const place = (report: Report, span: Span): string => {
  const { file, line } = locate(report.sources, span);
  return `${file}:${line}`;
};

export function formatBuilds(report: Report): string {
  return `${bindgenTable(report)}\n${environments(report)}`;
}

/** Each environment as a block: toolchain, targets, builds and tools, each with the line it was read from. */
function environments(report: Report): string {
  const envs = report.environments ?? [];
  const at = (f: EnvironmentFact): string => (f.where ? ` (${place(report, f.where)})` : '');
  const out = ['environments (where the project builds, and with what):'];
  for (const env of envs) {
    out.push(`  ${env.label}`);
    const list = (name: string, facts: readonly EnvironmentFact[]) => {
      for (const [i, f] of facts.entries()) out.push(`    ${i === 0 ? `${name}:`.padEnd(11) : ' '.repeat(11)}${f.text}${at(f)}`);
    };
    list('toolchain', env.toolchain.length > 0 ? env.toolchain : [{ text: 'unknown' }]);
    if (env.targets.length > 0) list('targets', [{ text: env.targets.join(', ') }]);
    list('builds', env.builds);
    list('tools', env.tools);
  }
  return `${out.map(sanitize).join('\n')}\n`;
}

function bindgenTable(report: Report): string {
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
      r.where ? place(report, r.where) : '',
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
