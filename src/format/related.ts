/** How formatters show a finding's related findings (the other findings from the same cause). */
import type { Diagnostic } from '../diagnostic/types.ts';
import type { SourceMap } from '../syntax/source.ts';
import { locate } from './location.ts';

/** `related: cargo/duplicate-framework at Cargo.lock:17:11`, one per related finding. */
export function relatedNotes(sources: SourceMap, d: Diagnostic): string[] {
  return (d.related ?? []).map((r) => {
    const loc = r.span && locate(sources, r.span);
    return `related: ${r.ruleId}${loc ? ` at ${loc.file}:${loc.line}:${loc.column}` : ''}`;
  });
}

/** JSON `related` entries for related findings: a location like a secondary label's, plus the rule. */
export function relatedFindingsJson(sources: SourceMap, d: Diagnostic): Record<string, unknown>[] {
  return (d.related ?? []).map((r) => ({ rule: r.ruleId, ...(r.span ? locate(sources, r.span) : { file: null, line: null, column: null, endLine: null, endColumn: null }), message: r.message }));
}
