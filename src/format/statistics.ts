/** `--statistics`: the number of findings per rule, most frequent first (as Ruff prints it), then the summary line. */
import type { Report } from '../engine/report.ts';
import { chalkStyles, plain } from './style.ts';
import { summaryLine } from './text.ts';

export function formatStatistics(report: Report, env: { readonly color: boolean }): string {
  const s = env.color ? chalkStyles() : plain;
  const byRule = new Map<string, { count: number; fixable: number; severity: string }>();
  for (const d of report.diagnostics) {
    const row = byRule.get(d.ruleId) ?? { count: 0, fixable: 0, severity: d.severity };
    row.count++;
    if (d.fix?.kind === 'edit' && d.fix.applicability === 'safe') row.fixable++;
    byRule.set(d.ruleId, row);
  }
  const rows = [...byRule].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1));
  const width = String(Math.max(0, ...rows.map(([, r]) => r.count))).length;
  const lines = rows.map(([id, r]) => `${String(r.count).padStart(width)}  ${r.severity.padEnd(7)}  ${id}${r.fixable > 0 ? `  (${r.fixable} fixable with \`--fix\`)` : ''}`);
  return `${lines.map((l) => `${l}\n`).join('')}${lines.length > 0 ? '\n' : ''}${summaryLine(report, s)}`;
}
