import type { Diagnostic } from './types.ts';
import type { SourceMap } from '../syntax/source.ts';

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Deterministic order: file path, start offset, rule id, message; findings without a location last. */
export function sortDiagnostics(diags: readonly Diagnostic[], sources: SourceMap): Diagnostic[] {
  const key = (d: Diagnostic) => {
    const label = d.labels.find((l) => l.primary);
    return label ? { path: sources.get(label.span.file).path, start: label.span.start, located: 0 } : { path: '', start: 0, located: 1 };
  };
  return [...diags].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return cmp(ka.located, kb.located) || cmp(ka.path, kb.path) || cmp(ka.start, kb.start) || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
  });
}

/** Drops exact repeats (the same rule, message and primary span reported twice). */
export function dedupe(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const p = d.labels.find((l) => l.primary)?.span;
    const k = `${d.ruleId}\0${d.message}\0${p ? `${p.file}:${p.start}:${p.end}` : ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
