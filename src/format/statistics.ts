/** `--statistics`: the number of findings per rule and severity, most frequent first (as Ruff prints it), then the summary line. */
import type { Report } from '../engine/report.ts';
import { chalkStyles, plain } from './style.ts';
import { summaryLine } from './text.ts';

export function formatStatistics(report: Report, env: { readonly color: boolean }): string {
  const s = env.color ? chalkStyles() : plain;
  const byRule = new Map<string, { id: string; severity: string; count: number; fixable: number }>();
  for (const d of report.diagnostics) {
    const key = `${d.ruleId} ${d.severity}`;
    const row = byRule.get(key) ?? { id: d.ruleId, severity: d.severity, count: 0, fixable: 0 };
    row.count++;
    if (d.fix?.kind === 'edit' && d.fix.applicability === 'safe') row.fixable++;
    byRule.set(key, row);
  }
  const rows = [...byRule.entries()].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1)).map(([, r]) => r);
  const width = String(Math.max(0, ...rows.map((r) => r.count))).length;
  const lines = rows.map((r) => `${String(r.count).padStart(width)}  ${r.severity.padEnd(7)}  ${r.id}${r.fixable > 0 ? `  (${r.fixable} fixable with \`--fix\`)` : ''}`);
  return `${lines.map((l) => `${l}\n`).join('')}${lines.length > 0 ? '\n' : ''}${summaryLine(report, s)}`;
}
