/**
 * Makefiles and justfiles: each recipe line is a shell command of its own (a `cd` does not carry
 * over to the next line); `VAR := value` assignments feed `$(VAR)`, `${VAR}` and `{{VAR}}`.
 */
import type { FileId, Located } from '../syntax/span.ts';
import type { CiConfig, CiSource } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import { attach, emptyFindings, mergeCi, scanShell, type ShellFindings } from './shell.ts';
import { maskShellComments } from '../syntax/text.ts';

const MAKE_ASSIGN = /^(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(?::{1,3}=|\?=|\+=|=)[ \t]*(.*?)[ \t]*$/;
const JUST_ASSIGN = /^(?:export\s+)?([A-Za-z_][\w-]*)\s*:=[ \t]*(.*?)[ \t]*$/;
const MAKE_RULE = /^([^\s:=#][^:=]*?)\s*::?(?!=)/;
const JUST_RECIPE = /^@?([A-Za-z_][\w-]*)\b[^:=]*:(?!=)/;

export function readMakefile(file: SourceFile, dir: string, source: Extract<CiSource, 'makefile' | 'justfile'>): CiConfig {
  const text = maskShellComments(file.text);
  const vars = new Map<string, readonly Located<string>[]>();
  const byJob = new Map<string, ShellFindings>();
  let job = '';
  for (const { start, end } of logicalLines(text)) {
    const line = text.slice(start, end);
    const recipe = /^[ \t]/.test(line);
    if (!recipe) {
      const assign = (source === 'justfile' ? JUST_ASSIGN : MAKE_ASSIGN).exec(line);
      if (assign?.[1]) {
        const value = literal(file.id, line, start, assign[2] ?? '');
        if (value) vars.set(assign[1], [value]);
        continue;
      }
      const rule = (source === 'justfile' ? JUST_RECIPE : MAKE_RULE).exec(line);
      // Special targets (`.PHONY:`, `.SUFFIXES:`) are not recipes.
      if (rule?.[1] && !rule[1].startsWith('.')) job = rule[1].trim().split(/\s+/)[0] ?? '';
    }
    const found = byJob.get(job) ?? emptyFindings();
    byJob.set(job, found);
    // A recipe line's `@` (silent), `-` (ignore errors) and `+` prefixes are not part of the command.
    const body = line.replace(/^(\s*)([@+-]+)/, (_m, ws: string, p: string) => ws + ' '.repeat(p.length));
    scanShell({ file: file.id, text: body, base: start }, { file: file.id, dir, dirExplicit: true, vars, lineShells: true }, found);
  }
  return mergeCi([...byJob].map(([name, found]) => attach(found, { source, file, ...(name ? { job: name } : {}), toolchains: found.toolchains })));
}

/** Lines with `\` continuations joined (offsets kept: the region spans all of them). */
function logicalLines(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    const line = text.slice(start, i).replace(/\r$/, '');
    if (i < text.length && /\\$/.test(line)) continue;
    out.push({ start, end: start + line.length });
    start = i + 1;
  }
  return out;
}

/** An assignment's value without surrounding quotes, located in the file. */
function literal(file: FileId, line: string, lineStart: number, value: string): Located<string> | undefined {
  // A value computed by make or just (`$(shell ...)`, `{{`, backticks) is not a literal.
  if (value === '' || /[$`]|\{\{/.test(value)) return undefined;
  const at = line.lastIndexOf(value);
  const quoted = /^(["']).*\1$/.test(value) && value.length >= 2;
  const inner = quoted ? value.slice(1, -1) : value;
  const start = lineStart + at + (quoted ? 1 : 0);
  return { value: inner, span: { file, start, end: start + inner.length } };
}
