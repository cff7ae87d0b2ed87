/**
 * `--format json`: the stable, versioned report (README "JSON report"). Deterministic: no
 * timestamps, sorted diagnostics, keys in a fixed order.
 */
import type { Diagnostic, Fix } from '../diagnostic/types.ts';
import type { Report } from '../engine/report.ts';
import { toolsToJson } from '../probe/stub.ts';
import { locate, primaryLocation } from './location.ts';
import { relatedFindingsJson } from './related.ts';

export const SCHEMA_VERSION = 1;

function fixJson(report: Report, fix: Fix | undefined): unknown {
  if (!fix) return null;
  if (fix.kind === 'command') return { kind: 'command', title: fix.title, argv: fix.argv };
  return {
    kind: 'edit',
    title: fix.title,
    applicability: fix.applicability,
    // `start`/`end` are UTF-16 offsets into the file as read (BOM included); `text` is kept for schema 1 readers.
    edits: fix.edits.map((e) => ({ ...locate(report.sources, e.span), start: e.span.start, end: e.span.end, newText: e.text, text: e.text })),
  };
}

export function diagnosticJson(report: Report, d: Diagnostic): Record<string, unknown> {
  const loc = primaryLocation(report.sources, d);
  return {
    rule: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: loc?.file ?? null,
    line: loc?.line ?? null,
    column: loc?.column ?? null,
    endLine: loc?.endLine ?? null,
    endColumn: loc?.endColumn ?? null,
    notes: d.notes,
    help: d.help,
    fix: fixJson(report, d.fix),
    related: [...d.labels.filter((l) => !l.primary).map((l) => ({ ...locate(report.sources, l.span), message: l.message ?? null })), ...relatedFindingsJson(report.sources, d)],
  };
}

export interface JsonEnv {
  /** list the findings inline `allow(...)` comments silenced, each with `suppressed: { reason }` */
  readonly showSuppressed?: boolean;
}

export function formatJson(report: Report, env: JsonEnv = {}): string {
  const suppressed = env.showSuppressed ? (report.suppressed ?? []).map((x) => ({ ...diagnosticJson(report, x.diagnostic), suppressed: { reason: x.reason ?? null } })) : [];
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    tool: report.tool,
    root: report.root,
    toolchain: toolsToJson(report.tools),
    diagnostics: [...report.diagnostics.map((d) => diagnosticJson(report, d)), ...suppressed],
    summary: report.summary,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
