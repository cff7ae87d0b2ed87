/** rustc-style text output (design.md §2.10): headline, code frame, notes, help, summary. */
import type { Diagnostic, Label, Severity } from '../diagnostic/types.ts';
import type { Report } from '../engine/report.ts';
import type { SourceMap } from '../syntax/source.ts';
import { shellJoin } from '../diagnostic/build.ts';
import { locate } from './location.ts';
import { probeTimeouts } from './notices.ts';
import { counts, projectGroups } from './projects.ts';
import { relatedNotes } from './related.ts';
import { sanitize } from './sanitize.ts';
import { chalkStyles, plain, type StyleName, type Stylesheet } from './style.ts';

export interface TextEnv {
  readonly color: boolean;
  /** overrides `color`: tests render with the tag stylesheet */
  readonly styles?: Stylesheet;
}

export function formatText(report: Report, env: TextEnv): string {
  const s = env.styles ?? (env.color ? chalkStyles() : plain);
  const notices = probeTimeouts(report).map((n) => `${s('info', 'info')}${s('bold', `: ${sanitize(n)}`)}\n`);
  const groups = projectGroups(report);
  if (!groups) return [...report.diagnostics.map((d) => renderDiagnostic(report.sources, d, s)), ...notices, summaryLine(report, s)].join('\n');
  const projects = report.projects ?? [];
  const label = (dir: string) => (projects.includes(dir) ? dir : '(files outside every project)');
  const blocks = groups.flatMap((g) => [`${s('bold', `── ${sanitize(label(g.dir))}`)}: ${counts(g.summary)}\n`, ...g.diagnostics.map((d) => renderDiagnostic(report.sources, d, s))]);
  const width = Math.max(...groups.map((g) => label(g.dir).length));
  const overview = `${s('bold', `problems by project (${projects.length} checked):`)}\n${groups.map((g) => `  ${sanitize(label(g.dir).padEnd(width))}  ${counts(g.summary)}\n`).join('')}`;
  return [...blocks, ...notices, groups.length > 0 ? overview : '', summaryLine(report, s)].filter(Boolean).join('\n');
}

function renderDiagnostic(sources: SourceMap, d: Diagnostic, s: Stylesheet): string {
  const out: string[] = [];
  out.push(`${s(d.severity, `${d.severity}[${d.ruleId}]`)}${s('bold', `: ${sanitize(d.message)}`)}`);
  const gutter = gutterWidth(sources, d.labels);
  const pad = ' '.repeat(gutter);
  const byFile = groupByFile(d.labels);
  let first = true;
  for (const labels of byFile) {
    const lead = labels.find((l) => l.primary) ?? labels[0];
    if (!lead) continue;
    const loc = locate(sources, lead.span);
    out.push(`${pad}${s('gutter', first ? '-->' : ':::')} ${sanitize(loc.file)}:${loc.line}:${loc.column}`);
    out.push(`${pad} ${s('gutter', '|')}`);
    out.push(...frame(sources, labels, d.severity, gutter, s));
    first = false;
  }
  const extras = [
    ...d.notes.map((n) => ['note', n] as const),
    ...relatedNotes(sources, d).map((n) => ['note', n] as const),
    ...d.help.map((h) => ['help', h] as const),
    ...commandFixLine(d),
  ];
  if (d.labels.length > 0) out.push(`${pad} ${s('gutter', '|')}`);
  for (const [kind, text] of extras) out.push(`${pad} ${s('gutter', '=')} ${s(kind, `${kind}:`)} ${indentMultiline(sanitizeKeepNewlines(text), pad.length + 3 + kind.length + 2)}`);
  out.push(...editFixLines(sources, d, pad, s));
  out.push(`${pad} ${s('gutter', '=')} ${s('note', 'docs:')} run \`wasm-doctor explain ${d.ruleId}\``);
  return `${out.join('\n')}\n`;
}

const sanitizeKeepNewlines = (text: string): string => text.split('\n').map(sanitize).join('\n');
const indentMultiline = (text: string, width: number): string => text.split('\n').join(`\n${' '.repeat(width)}`);

function commandFixLine(d: Diagnostic): (readonly ['help', string])[] {
  if (d.fix?.kind !== 'command') return [];
  const cmd = shellJoin(d.fix.argv);
  return d.help.some((h) => h.includes(cmd)) ? [] : [['help', `${d.fix.title}: \`${cmd}\``]];
}

function editFixLines(sources: SourceMap, d: Diagnostic, pad: string, s: Stylesheet): string[] {
  if (d.fix?.kind !== 'edit') return [];
  const safety = d.fix.applicability === 'safe' ? 'fixable with `--fix`' : d.fix.applicability === 'unsafe' ? 'unsafe fix: applied with `--fix --unsafe-fixes`' : 'suggestion';
  const out = [`${pad} ${s('gutter', '=')} ${s('help', 'help:')} ${sanitize(d.fix.title)} (${safety})`];
  for (const e of d.fix.edits) {
    const file = sources.get(e.span.file);
    const idx = sources.lineIndex(e.span.file);
    const startLine = idx.position(e.span.start).line;
    const endLine = idx.position(e.span.end).line;
    const from = idx.lineStart(startLine);
    const to = endLine < idx.lineCount ? idx.lineStart(endLine + 1) : file.text.length;
    const before = file.text.slice(from, to).replace(/\r?\n$/, '');
    const after = (file.text.slice(from, e.span.start) + e.text + file.text.slice(e.span.end, to)).replace(/\r?\n$/, '');
    const num = String(startLine).padStart(pad.length);
    for (const line of before.split(/\r?\n/)) out.push(`${num} ${s('diff-del', `- ${sanitize(line)}`)}`);
    for (const line of after.split(/\r?\n/)) out.push(`${num} ${s('diff-add', `+ ${sanitize(line)}`)}`);
  }
  return out;
}

function groupByFile(labels: readonly Label[]): Label[][] {
  const groups = new Map<number, Label[]>();
  const ordered = [...labels].sort((a, b) => Number(b.primary) - Number(a.primary));
  for (const l of ordered) {
    const g = groups.get(l.span.file) ?? [];
    g.push(l);
    groups.set(l.span.file, g);
  }
  return [...groups.values()];
}

function gutterWidth(sources: SourceMap, labels: readonly Label[]): number {
  let max = 1;
  for (const l of labels) max = Math.max(max, sources.position(l.span).end.line);
  return String(max).length + 1;
}

/** The lines of one file that labels point at, one line of context before each, gaps folded. */
function frame(sources: SourceMap, labels: readonly Label[], severity: Severity, gutter: number, s: Stylesheet): string[] {
  const file = labels[0]?.span.file;
  if (file === undefined) return [];
  const idx = sources.lineIndex(file);
  const text = sources.get(file).text;
  const lineText = (n: number) => {
    const start = idx.lineStart(n);
    const end = n < idx.lineCount ? idx.lineStart(n + 1) : text.length;
    return text.slice(start, end).replace(/\r?\n$/, '');
  };
  const marks = new Map<number, { col: number; width: number; label: Label }[]>();
  for (const l of labels) {
    const { start, end } = sources.position(l.span);
    const lineLen = lineText(start.line).length;
    const endCol = end.line === start.line ? end.column : lineLen + 1;
    const list = marks.get(start.line) ?? [];
    list.push({ col: start.column, width: Math.max(1, endCol - start.column), label: l });
    marks.set(start.line, list);
  }
  const shown = new Set<number>();
  for (const line of marks.keys()) {
    if (line > 1) shown.add(line - 1);
    shown.add(line);
  }
  const out: string[] = [];
  let prev = 0;
  for (const line of [...shown].sort((a, b) => a - b)) {
    if (prev && line > prev + 1) out.push(s('gutter', '...'));
    const raw = lineText(line);
    out.push(`${s('gutter', `${String(line).padStart(gutter)} |`)} ${sanitize(expandTabs(raw))}`);
    for (const m of (marks.get(line) ?? []).sort((a, b) => a.col - b.col)) {
      const lead = displayWidth(expandTabs(raw.slice(0, m.col - 1)));
      const width = Math.max(1, displayWidth(expandTabs(raw.slice(m.col - 1, m.col - 1 + m.width))));
      const style: StyleName = m.label.primary ? (`primary-${severity}` as StyleName) : 'secondary';
      const marker = (m.label.primary ? '^' : '-').repeat(width);
      out.push(`${' '.repeat(gutter)} ${s('gutter', '|')} ${' '.repeat(lead)}${s(style, m.label.message ? `${marker} ${sanitize(m.label.message)}` : marker)}`);
    }
    prev = line;
  }
  return out;
}

const expandTabs = (text: string): string => text.replace(/\t/g, '    ');
const displayWidth = (text: string): number => [...sanitize(text)].length;

/** `found 2 errors, 1 warning, 2 suppressed; 1 fixable with `--fix`` (or `no problems found`). */
export function summaryLine(report: Report, s: Stylesheet): string {
  const { errors, warnings, infos, fixable, suppressed } = report.summary;
  if (errors + warnings + infos === 0) return `${s('bold', 'no problems found')}${suppressed > 0 ? ` (${suppressed} suppressed)` : ''}\n`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) parts.push(plural(infos, 'info'));
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  const fix = fixable > 0 ? `; ${fixable} fixable with \`--fix\`` : '';
  const head: StyleName = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'info';
  return `${s(head, 'found')} ${s('bold', parts.join(', '))}${fix}\n`;
}
