/**
 * Applies inline `# wasm-doctor: allow(...) reason="..."` comments (README "Suppressions"): a
 * finding whose primary label starts on a covered line, of a rule the comment names, is set aside
 * with the comment's reason. A comment without a reason still applies and is reported; an entry
 * that silences nothing is reported at the comment, as cargo-deny reports skips that match nothing.
 */
import { ruleMatches } from '../config/load.ts';
import { sortDiagnostics } from '../diagnostic/sort.ts';
import type { Diagnostic, Finding, RuleId } from '../diagnostic/types.ts';
import type { SourceMap } from '../syntax/source.ts';
import { scanSuppressions, type SuppressionComment } from '../syntax/suppression.ts';

export interface Suppressed {
  readonly diagnostic: Diagnostic;
  readonly reason?: string;
}

export interface SuppressionResult {
  readonly kept: readonly Diagnostic[];
  readonly suppressed: readonly Suppressed[];
  /** `core/suppression-without-reason` and `core/unused-suppression` findings */
  readonly findings: readonly (Finding & { readonly rule: RuleId })[];
}

export interface SuppressionRules {
  /** ids of every registered rule */
  readonly known: readonly string[];
  /** ids of the rules that ran: only an entry naming one of them can be judged unused */
  readonly active: readonly string[];
}

export function applySuppressions(diags: readonly Diagnostic[], sources: SourceMap, rules: SuppressionRules): SuppressionResult {
  const comments = sources.all().flatMap(scanSuppressions);
  if (comments.length === 0) return { kept: diags, suppressed: [], findings: [] };
  const byLine = new Map<string, SuppressionComment[]>();
  for (const c of comments) {
    const key = `${c.span.file}:${c.line}`;
    byLine.set(key, [...(byLine.get(key) ?? []), c]);
  }
  const used = new Set<object>();
  const kept: Diagnostic[] = [];
  const suppressed: Suppressed[] = [];
  for (const d of diags) {
    const label = d.labels.find((l) => l.primary);
    const line = label ? sources.position(label.span).start.line : undefined;
    const match = (byLine.get(`${label?.span.file}:${line}`) ?? []).flatMap((c) => c.rules.filter((r) => ruleMatches(r.value, d.ruleId)).map((r) => ({ c, r })))[0];
    if (!match) {
      kept.push(d);
      continue;
    }
    used.add(match.r);
    suppressed.push({ diagnostic: d, reason: match.c.reason });
  }
  const reasons = new Map(suppressed.map((x) => [x.diagnostic, x.reason]));
  const sorted = sortDiagnostics([...reasons.keys()], sources).map((d) => ({ diagnostic: d, reason: reasons.get(d) }));
  return { kept, suppressed: sorted, findings: comments.flatMap((c) => commentFindings(c, used, rules)) };
}

function commentFindings(c: SuppressionComment, used: ReadonlySet<object>, rules: SuppressionRules): (Finding & { readonly rule: RuleId })[] {
  const out: (Finding & { readonly rule: RuleId })[] = [];
  if (c.reason === undefined) {
    out.push({
      rule: 'core/suppression-without-reason',
      message: 'suppression without a reason',
      labels: [{ span: c.span, primary: true }],
      help: ['say why the finding does not apply here: `reason="..."` after `allow(...)`'],
    });
  }
  if (c.rules.length === 0) {
    out.push({ rule: 'core/unused-suppression', message: '`allow()` names no rule', labels: [{ span: c.span, primary: true }] });
  }
  for (const r of c.rules) {
    if (used.has(r)) continue;
    if (!rules.known.some((id) => ruleMatches(r.value, id))) {
      out.push({ rule: 'core/unused-suppression', message: `\`allow(${r.value})\` names no rule wasm-doctor knows`, labels: [{ span: r.span, primary: true }], help: ['run `wasm-doctor --list-rules` to see every rule id'] });
    } else if (rules.active.some((id) => ruleMatches(r.value, id))) {
      out.push({ rule: 'core/unused-suppression', message: `\`allow(${r.value})\` silences nothing on the line it covers`, labels: [{ span: r.span, primary: true }], help: ['remove it, or move it onto (or directly above) the line the finding points at'] });
    }
  }
  return out;
}
