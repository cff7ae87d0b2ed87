/**
 * A Nix lexer for readers that look for literal pins: identifiers (attribute names, `-` and `'`
 * allowed), strings (`"…"` and `''…''`, with their literal text and whether they interpolate),
 * and punctuation, each with its offsets. Comments and whitespace are skipped. Nothing is
 * evaluated; `${` opens a brace like `{` so that brace matching stays right.
 */

export type NixTokenKind = 'ident' | 'string' | 'punct';

export interface NixToken {
  readonly kind: NixTokenKind;
  /** the identifier, the punctuation, or a string's content between its quotes (escapes kept) */
  readonly text: string;
  /** offsets of the whole token; for a string, of its content */
  readonly start: number;
  readonly end: number;
  /** a string with `${…}` interpolation */
  readonly dynamic?: boolean;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_'-]*/y;
const PUNCT = /\$\{|\.\.\.|==|!=|<=|>=|&&|\|\||->|\/\/|[{}[\]();:=.,@?<>+\-*/!]/y;

export function lexNix(text: string): NixToken[] {
  const out: NixToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === '"') {
      i = string(text, i, DOUBLE, out);
    } else if (c === "'" && text[i + 1] === "'") {
      i = string(text, i, INDENTED, out);
    } else {
      IDENT.lastIndex = i;
      PUNCT.lastIndex = i;
      const m = IDENT.exec(text) ?? PUNCT.exec(text);
      const len = m ? m[0].length : 1;
      out.push({ kind: m && /^[A-Za-z_]/.test(m[0]) ? 'ident' : 'punct', text: text.slice(i, i + len), start: i, end: i + len });
      i += len;
    }
  }
  return out;
}

/** The offset after `${ … }` starting at `from` (just after `${`), counting nested braces. */
function interpolationEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** How a kind of string is delimited: `"…"` with `\` escapes, or `''…''` with `'''`, `''$` and `''\` escapes. */
interface Quoting {
  readonly delimiter: string;
  /** the length of the escape at `i`, 0 when none starts there */
  escape(text: string, i: number): number;
}

const DOUBLE: Quoting = { delimiter: '"', escape: (text, i) => (text[i] === '\\' ? 2 : 0) };
const INDENTED: Quoting = { delimiter: "''", escape: (text, i) => (text.startsWith("''", i) && /['$\\]/.test(text[i + 2] ?? '') ? 3 : 0) };

/** Pushes the string that opens at `at`; returns the offset after its closing delimiter. */
function string(text: string, at: number, q: Quoting, out: NixToken[]): number {
  const start = at + q.delimiter.length;
  let dynamic = false;
  let i = start;
  while (i < text.length) {
    const skip = q.escape(text, i);
    if (skip > 0) i += skip;
    else if (text.startsWith(q.delimiter, i)) break;
    else if (text[i] === '$' && text[i + 1] === '{') {
      dynamic = true;
      i = interpolationEnd(text, i + 2);
    } else i++;
  }
  const end = Math.min(i, text.length);
  out.push({ kind: 'string', text: text.slice(start, end), start, end, dynamic });
  return end + q.delimiter.length;
}
