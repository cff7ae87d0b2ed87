/**
 * Inline suppression comments, the same in every file kind with `#` comments (TOML, YAML,
 * Dockerfiles, Makefiles, justfiles, shell scripts, Nix files):
 *
 *   # wasm-doctor: allow(<rule>[, <rule>...]) reason="<text>"
 *
 * trailing on a line (it covers that line) or alone on a line (it covers the next one). Only the
 * syntax is read here; which findings a comment silences is the engine's business.
 */
import { basename } from 'node:path';
import type { Located, Span } from './span.ts';
import type { SourceFile } from './source.ts';
import { isDockerfile, isJustfile, isMakefile } from './file-names.ts';

export interface SuppressionComment {
  /** from `#` to the end of the comment */
  readonly span: Span;
  /** the rule ids or namespace globs inside `allow(...)`, each with its span */
  readonly rules: readonly Located<string>[];
  /** `reason="..."`; undefined when missing or empty */
  readonly reason?: string;
  /** 1-based line whose findings it covers */
  readonly line: number;
}

const MARKER = 'wasm-doctor:';
const COMMENT = /#[ \t]*wasm-doctor:[ \t]*allow\(([^)\r\n]*)\)(?:[ \t]+reason="([^"\r\n]*)")?[^\r\n]*/g;

/** Does this file kind have `#` comments wasm-doctor honours suppressions in? */
export function hasHashComments(path: string): boolean {
  const name = basename(path);
  const lower = name.toLowerCase();
  return /\.(toml|ya?ml|sh|bash|mk|nix)$/.test(lower) || lower === 'cargo.lock' || lower === 'rust-toolchain' || isDockerfile(name) || isMakefile(name) || isJustfile(name);
}

/** Every suppression comment of a file (none unless it is a `#`-comment kind). */
export function scanSuppressions(file: SourceFile): SuppressionComment[] {
  const { text } = file;
  if (!hasHashComments(file.path) || !text.includes(MARKER)) return [];
  const out: SuppressionComment[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const at = m.index;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const before = text.slice(lineStart, at);
    if (!isCommentStart(before)) continue;
    const line = lineNumber(text, at);
    const listStart = at + m[0].indexOf('(') + 1;
    out.push({
      span: { file: file.id, start: at, end: at + m[0].trimEnd().length },
      rules: splitList(m[1] ?? '', listStart, file),
      reason: m[2]?.trim() ? m[2] : undefined,
      line: before.trim() === '' ? line + 1 : line,
    });
  }
  return out;
}

/** The `#` starts a comment: at the line start or after a blank, and not inside a quoted string. */
function isCommentStart(before: string): boolean {
  if (before !== '' && !/[ \t]$/.test(before)) return false;
  const unescaped = before.replace(/\\./g, '');
  return (unescaped.match(/"/g) ?? []).length % 2 === 0 && (unescaped.match(/'/g) ?? []).length % 2 === 0;
}

function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function splitList(list: string, base: number, file: SourceFile): Located<string>[] {
  const out: Located<string>[] = [];
  let pos = 0;
  for (const part of list.split(',')) {
    const lead = part.length - part.trimStart().length;
    const value = part.trim();
    if (value) out.push({ value, span: { file: file.id, start: base + pos + lead, end: base + pos + lead + value.length } });
    pos += part.length + 1;
  }
  return out;
}
