/**
 * `--format github`: GitHub Actions workflow commands (integrations.md §1) and the job-summary
 * Markdown (§1.5). Pure functions of the Report, like every formatter (design.md §2.10).
 *
 * Stdout is a control channel on Actions runners, and most text here comes from the project
 * being checked (paths, Cargo.toml values, tool output). Every piece of it goes through
 * `cleanData`/`cleanProperty` (ANSI sequences, C0/C1 controls stripped) and then the toolkit's
 * exact escaping (§1.2). As a last step each line has `##[` broken up with a zero-width joiner
 * (`#\u200D#[`): the runner matches the legacy `##[cmd]` form anywhere in a line (§1.3), the
 * joiner is invisible in the log and annotation views, and, unlike `%5B`, it is not shown as an
 * escape sequence (the runner only decodes %0D, %0A, %3A, %2C and %25).
 */
import * as path from 'node:path';
import type { Diagnostic, Severity } from '../diagnostic/types.ts';
import type { Report } from '../engine/report.ts';
import { primaryLocation, type Location } from './location.ts';

/** GitHub keeps at most this many annotations per level and step (integrations.md §1.4). */
export const ANNOTATIONS_PER_LEVEL = 10;
/** Job summaries are limited to 1 MiB per step; stay well below (integrations.md §1.5). */
export const SUMMARY_MAX_BYTES = 900 * 1024;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// ---------------------------------------------------------------------------------------------
// Sanitising and escaping

/** CSI (`ESC [` or C1 `\x9b`) and OSC (`ESC ]` … BEL/ST) sequences, removed whole. */
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-_]?/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * Project text for a message body: ANSI sequences removed, CRLF/CR turned into LF (kept: it is
 * escaped as `%0A` and shown as a line break in the annotation), tabs into spaces, every other
 * C0/C1 control character and DEL removed.
 */
export function cleanData(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL_BUT_LF, '');
}

/** Project text for a property value (file, title): all control characters removed, LF included. */
export function cleanProperty(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, '');
}

/** `escapeData` of @actions/core: `%` first, then CR and LF. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** `escapeProperty` of @actions/core: escapeData plus `:` and `,`. */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Breaks up the legacy `##[` command marker, which the runner finds anywhere in a line. */
export const defuseLegacy = (line: string): string => line.replace(/##\[/g, '#\u200d#[');

export type CommandProperties = Readonly<Record<string, string | number | undefined>>;

/**
 * One workflow-command line (without the newline). Values are cleaned and escaped here, so
 * callers pass raw text. Undefined properties are left out, as the toolkit does.
 */
export function commandLine(command: string, properties: CommandProperties, message: string): string {
  const props = Object.entries(properties)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${escapeProperty(cleanProperty(String(v)))}`)
    .join(',');
  return defuseLegacy(`::${command}${props ? ` ${props}` : ''}::${escapeData(cleanData(message))}`);
}

// ---------------------------------------------------------------------------------------------
// Annotations

export interface GithubEnv {
  /** GITHUB_WORKSPACE: file paths are made relative to it when the report root lies inside it */
  readonly workspace?: string;
}

/**
 * Where a file (path relative to the report root) should point for the runner (integrations.md
 * §1.1): relative to the workspace with `/` separators when it lies inside it, else absolute.
 */
export function annotationPath(report: Report, file: string, workspace: string | undefined): string {
  const abs = path.resolve(report.root, ...file.split('/'));
  if (!workspace) return abs;
  const rel = path.relative(path.resolve(workspace), abs);
  if (rel === '' || path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) return abs;
  return rel.split(path.sep).join('/');
}

/** The message with notes and help, one per line, as the annotation body. */
export function messageWithDetails(d: Diagnostic): string {
  return [d.message, ...d.notes.map((n) => `note: ${n}`), ...d.help.map((h) => `help: ${h}`)].join('\n');
}

function annotation(report: Report, d: Diagnostic, workspace: string | undefined): string {
  const loc: Location | undefined = primaryLocation(report.sources, d);
  const sameLine = loc !== undefined && loc.line === loc.endLine;
  return commandLine(
    COMMAND[d.severity],
    {
      file: loc && annotationPath(report, loc.file, workspace),
      line: loc?.line,
      endLine: loc?.endLine,
      col: sameLine ? loc.column : undefined,
      endColumn: sameLine ? loc.endColumn : undefined,
      title: `wasm-doctor: ${d.ruleId}`,
    },
    messageWithDetails(d),
  );
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `wasm-doctor: 2 errors, 1 warning` (+ infos when there are any): a plain line, never a command. */
export function summaryLine(report: Report): string {
  const { errors, warnings, infos } = report.summary;
  if (errors + warnings + infos === 0) return `${report.tool.name}: no problems found`;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) parts.push(`${infos} info`);
  return `${report.tool.name}: ${parts.join(', ')}`;
}

/**
 * Workflow commands for the Actions log: errors first, then warnings, then notices, at most
 * {@link ANNOTATIONS_PER_LEVEL} each (one notice slot is kept for the overflow notice when
 * something is dropped), then a plain summary line. Ends with a newline.
 */
export function formatGithub(report: Report, env: GithubEnv = {}): string {
  const byLevel: Record<Severity, Diagnostic[]> = { error: [], warning: [], info: [] };
  for (const d of report.diagnostics) byLevel[d.severity].push(d);
  const cap = ANNOTATIONS_PER_LEVEL;
  const overflow = byLevel.error.length > cap || byLevel.warning.length > cap || byLevel.info.length > cap;
  // The overflow notice is itself a notice: keep a slot for it so it is not the one dropped.
  const caps: Record<Severity, number> = { error: cap, warning: cap, info: overflow ? cap - 1 : cap };

  const lines: string[] = [];
  let dropped = 0;
  for (const severity of Object.keys(RANK) as Severity[]) {
    const list = byLevel[severity];
    for (const d of list.slice(0, caps[severity])) lines.push(annotation(report, d, env.workspace));
    dropped += Math.max(0, list.length - caps[severity]);
  }
  if (dropped > 0) {
    const what = dropped === 1 ? '1 more finding is' : `${dropped} more findings are`;
    lines.push(
      commandLine(
        'notice',
        { title: report.tool.name },
        `${what} not shown as annotations (GitHub keeps ${cap} per level and step); the job summary lists every finding`,
      ),
    );
  }
  lines.push(defuseLegacy(cleanProperty(summaryLine(report))));
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Job summary

/**
 * Project text inside a GFM table cell: the cell stays one cell, and no link, image, HTML tag,
 * code span or entity can be formed. Newlines become `<br>` (added after escaping).
 */
export function escapeMarkdownCell(text: string): string {
  return cleanData(text)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/\[/g, '\\[')
    .replace(/]/g, '\\]')
    .replace(/\n/g, '<br>');
}

function locationCell(report: Report, d: Diagnostic): string {
  const loc = primaryLocation(report.sources, d);
  return loc ? escapeMarkdownCell(`${loc.file}:${loc.line}:${loc.column}`) : '';
}

const SAFE_RULE_ID = /^[a-z0-9][a-z0-9/-]*$/;

/**
 * A code span that stays one table cell: the fence is one backtick longer than the longest run
 * inside, `|` is escaped (GFM unescapes `\|` in cells before inline parsing, code spans too),
 * line breaks become spaces. Nothing inside a code span is a link, tag or entity.
 */
function codeSpanCell(code: string): string {
  const text = cleanData(code).replace(/\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A message's own `code spans` (one backtick pair, as the rules write them) kept as code; the rest escaped. */
export function markdownCell(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? codeSpanCell(part.slice(1, -1)) : escapeMarkdownCell(part)))
    .join('');
}

/** The message, then each note and help on its own line with a bold label. */
function messageCell(d: Diagnostic): string {
  const extra = (label: string, text: string) => `<br>**${label}:** ${markdownCell(text)}`;
  return `${markdownCell(d.message)}${d.notes.map((n) => extra('note', n)).join('')}${d.help.map((h) => extra('help', h)).join('')}`;
}

function row(report: Report, d: Diagnostic): string {
  const rule = SAFE_RULE_ID.test(d.ruleId) ? `\`${d.ruleId}\`` : escapeMarkdownCell(d.ruleId);
  return `| ${d.severity} | ${rule} | ${locationCell(report, d)} | ${messageCell(d)} |\n`;
}

/**
 * GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY`: heading, counts and a table with every
 * diagnostic (no annotation cap), cut at {@link SUMMARY_MAX_BYTES} with a note.
 */
export function formatJobSummary(report: Report): string {
  const { errors, warnings, infos, fixable } = report.summary;
  let out = `## ${escapeMarkdownCell(report.tool.name)}\n\n`;
  if (report.diagnostics.length === 0) return `${out}No problems found.\n`;
  const counts = [`**${plural(errors, 'error')}**`, `**${plural(warnings, 'warning')}**`, `${infos} info`];
  out += `${counts.join(', ')}`;
  if (fixable > 0) out += ` · ${fixable} fixable with \`${report.tool.name} check --fix\``;
  out += '\n\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n';

  let size = Buffer.byteLength(out, 'utf8');
  const budget = SUMMARY_MAX_BYTES - 512; // room for the truncation note
  const rows: string[] = [];
  for (const d of report.diagnostics) {
    const r = row(report, d);
    const bytes = Buffer.byteLength(r, 'utf8');
    if (size + bytes > budget) break;
    rows.push(r);
    size += bytes;
  }
  out += rows.join('');
  const missing = report.diagnostics.length - rows.length;
  if (missing > 0) {
    out += `\n> **Truncated:** ${missing} more ${missing === 1 ? 'finding is' : 'findings are'} not listed (job summaries are limited to 1 MiB). `;
    out += `Run \`${report.tool.name} check\` locally or use the SARIF output for the full list.\n`;
  }
  return out;
}
