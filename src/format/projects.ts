/**
 * Many Cargo projects below one root: findings grouped by the project whose directory holds the
 * file their primary label points into (the deepest one), with each project's totals.
 */
import type { Diagnostic } from '../diagnostic/types.ts';
import { summarize, type Report, type Summary } from '../engine/report.ts';

export interface ProjectGroup {
  /** the project's directory relative to the report root, `.` for the root */
  readonly dir: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: Summary;
}

/** Undefined for a single project: its report is not grouped. */
export function projectGroups(report: Report): ProjectGroup[] | undefined {
  const dirs = [...new Set(report.projects ?? [])].sort((a, b) => b.length - a.length);
  if (dirs.length < 2) return undefined;
  const byDir = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) {
    const label = d.labels.find((l) => l.primary);
    const path = label ? report.sources.get(label.span.file).path : '';
    const dir = dirs.find((p) => p !== '.' && (path === p || path.startsWith(`${p}/`))) ?? '.';
    byDir.set(dir, [...(byDir.get(dir) ?? []), d]);
  }
  return [...byDir]
    .map(([dir, diagnostics]) => ({ dir, diagnostics, summary: summarize(diagnostics) }))
    .sort((a, b) => (a.dir === '.' ? -1 : b.dir === '.' ? 1 : a.dir < b.dir ? -1 : 1));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `1 error, 2 warnings` (infos only when there are some). */
export function counts(s: Summary): string {
  return [plural(s.errors, 'error'), plural(s.warnings, 'warning'), ...(s.infos > 0 ? [plural(s.infos, 'info')] : [])].join(', ');
}
