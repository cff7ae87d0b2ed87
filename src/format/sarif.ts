/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning (integrations.md §3). Follows the
 * validated example of §3.2. Deterministic: no timestamps, no absolute paths unless a file lies
 * outside the workspace, rules in registry order, results in report order.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Fix, Label, RuleId, Severity, Span, TextEdit } from '../diagnostic/types.ts';
import type { Report } from '../engine/report.ts';
import { ruleDocUrl, TOOL_REPOSITORY } from '../tool.ts';
import { locate } from './location.ts';
import type { RuleDoc, RuleDocs, RuleInfo } from './rule-docs.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub cuts rule descriptions at 1024 characters (integrations.md §3.1). */
const MAX_DESCRIPTION = 1024;

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** parsed rule docs (see rule-docs.ts); without them descriptions use the summary */
  readonly ruleDocs?: RuleDocs;
  /** GITHUB_WORKSPACE or the repository root: URIs are made relative to it (else to the report root) */
  readonly workspace?: string;
  /** the rule list for `tool.driver.rules`, in registry order */
  readonly rules: readonly RuleInfo[];
  /** `automationDetails.id` (`--sarif-category`); left out when not given */
  readonly category?: string;
}

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function ruleDescriptor(rule: RuleInfo, doc: RuleDoc | undefined, version: string): Record<string, unknown> {
  const slash = rule.id.indexOf('/');
  const namespace = slash < 0 ? rule.id : rule.id.slice(0, slash);
  // Short help in every run; the full doc is one link away (helpUri), at the tagged version.
  const uri = ruleDocUrl(rule.id, version);
  const help = {
    text: `${rule.summary}\n\nDocumentation: ${uri} (or run \`wasm-doctor explain ${rule.id}\`).`,
    markdown: `${rule.summary}\n\n[Documentation](${uri}) · \`wasm-doctor explain ${rule.id}\``,
  };
  return {
    id: rule.id,
    name: slash < 0 ? rule.id : rule.id.slice(slash + 1),
    shortDescription: { text: clip(rule.summary, MAX_DESCRIPTION) },
    fullDescription: { text: clip(doc?.whatItDoes ?? rule.summary, MAX_DESCRIPTION) },
    help,
    helpUri: uri,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: [namespace] },
  };
}

/** Percent-encodes each segment of a `/` path (spaces, `%`, `#`, `?`, `:`…) as a relative URI. */
const relativeUri = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

function uriFor(report: Report, file: string, workspace: string | undefined): string {
  const abs = path.resolve(report.root, ...file.split('/'));
  const base = path.resolve(workspace ?? report.root);
  const rel = path.relative(base, abs);
  if (rel === '' || path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) return pathToFileURL(abs).href;
  return relativeUri(rel.split(path.sep).join('/'));
}

/** Full SARIF region; `endColumn` is exclusive, as in {@link locate}. */
function region(report: Report, span: Span): Record<string, number> {
  const loc = locate(report.sources, span);
  return { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn };
}

function physical(report: Report, span: Span, workspace: string | undefined): Record<string, unknown> {
  return { artifactLocation: { uri: uriFor(report, report.sources.get(span.file).path, workspace) }, region: region(report, span) };
}

function labelLocation(report: Report, label: Label, workspace: string | undefined, id?: number): Record<string, unknown> {
  return {
    ...(id === undefined ? {} : { id }),
    physicalLocation: physical(report, label.span, workspace),
    ...(label.message ? { message: { text: label.message } } : {}),
  };
}

/**
 * A finding without a label still needs a location for GitHub to show it (integrations.md §3.2
 * notes): point at the first line of the report's first source file (the root manifest), or
 * omit locations when there is no file at all.
 */
function fallbackLocation(report: Report, workspace: string | undefined): Record<string, unknown> | undefined {
  const first = report.sources.all()[0];
  if (!first) return undefined;
  const nl = first.text.indexOf('\n');
  const lineEnd = nl < 0 ? first.text.length : first.text[nl - 1] === '\r' ? nl - 1 : nl;
  return {
    physicalLocation: physical(report, { file: first.id, start: 0, end: lineEnd }, workspace),
    message: { text: 'project-wide finding: no specific line' },
  };
}

function sarifFix(report: Report, fix: Fix, workspace: string | undefined): Record<string, unknown> | undefined {
  if (fix.kind !== 'edit' || fix.edits.length === 0) return undefined;
  const byFile = new Map<number, TextEdit[]>();
  for (const e of fix.edits) {
    const list = byFile.get(e.span.file);
    if (list) list.push(e);
    else byFile.set(e.span.file, [e]);
  }
  return {
    description: { text: fix.title },
    artifactChanges: [...byFile.values()].map((edits) => ({
      artifactLocation: { uri: uriFor(report, report.sources.get(edits[0]!.span.file).path, workspace) },
      replacements: [...edits]
        .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)
        .map((e) => ({ deletedRegion: region(report, e.span), ...(e.text === '' ? {} : { insertedContent: { text: e.text } }) })),
    })),
    properties: { applicability: fix.applicability },
  };
}

/** The message with notes and help, one per line. */
const messageText = (d: Diagnostic): string =>
  [d.message, ...d.notes.map((n) => `note: ${n}`), ...d.help.map((h) => `help: ${h}`)].join('\n');

function result(report: Report, d: Diagnostic, ruleIndex: number, workspace: string | undefined): Record<string, unknown> {
  const primary = d.labels.find((l) => l.primary);
  const location = primary ? labelLocation(report, primary, workspace) : fallbackLocation(report, workspace);
  const related = d.labels.filter((l) => !l.primary).map((l, i) => labelLocation(report, l, workspace, i + 1));
  const fix = d.fix && sarifFix(report, d.fix, workspace);
  return {
    ruleId: d.ruleId,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: messageText(d) },
    ...(location ? { locations: [location] } : {}),
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    ...(fix ? { fixes: [fix] } : {}),
  };
}

/** SARIF 2.1.0 log with one run; ends with a newline. */
export function formatSarif(report: Report, options: SarifOptions): string {
  const rules: RuleInfo[] = options.rules.map((r) => ({ id: r.id, summary: r.summary, defaultSeverity: r.defaultSeverity }));
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  // A diagnostic from an unregistered rule id still needs a descriptor for ruleIndex.
  const silenced = report.suppressed ?? [];
  const unknown = [...new Set([...report.diagnostics, ...silenced.map((x) => x.diagnostic)].map((d) => d.ruleId).filter((id) => !index.has(id)))].sort();
  for (const id of unknown as RuleId[]) {
    index.set(id, rules.length);
    const first = report.diagnostics.find((d) => d.ruleId === id);
    rules.push({ id, summary: id, defaultSeverity: first?.severity ?? 'warning' });
  }

  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            semanticVersion: report.tool.version,
            informationUri: TOOL_REPOSITORY,
            rules: rules.map((r) => ruleDescriptor(r, options.ruleDocs?.get(r.id), report.tool.version)),
          },
        },
        // Only a category the user names: upload-sarif's own `category:` then stays in charge.
        ...(options.category ? { automationDetails: { id: options.category } } : {}),
        columnKind: 'utf16CodeUnits',
        results: [
          ...report.diagnostics.map((d) => result(report, d, index.get(d.ruleId) ?? 0, options.workspace)),
          // Findings an inline `allow(...)` comment silenced, as SARIF in-source suppressions (§3.27.23).
          ...silenced.map(({ diagnostic, reason }) => ({
            ...result(report, diagnostic, index.get(diagnostic.ruleId) ?? 0, options.workspace),
            suppressions: [{ kind: 'inSource', ...(reason ? { justification: reason } : {}) }],
          })),
        ],
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
