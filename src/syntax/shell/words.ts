/**
 * Shell words with offsets: splits a script into commands (`\\` continuations, `&&`/`||`/`;`/`|`
 * chains, quotes, comments) and expands the variables a reader knows (`$X`, `${X}`, `$(X)`,
 * `{{X}}`, `${{ env.X }}`, `${{ matrix.x }}`). Every character keeps the file offset it came from.
 */
import type { FileId, Located, Span } from '../span.ts';
import type { Region } from '../text.ts';

/** A word after quote removal: `offs[i]` is the file offset of `text[i]`. */
export interface Word {
  readonly text: string;
  readonly offs: readonly number[];
  /** holds an expression or variable wasm-doctor could not resolve */
  readonly dynamic: boolean;
}

export interface Command {
  readonly words: readonly Word[];
  /** the command starts a line (not after `&&`, `;`, `|`) */
  readonly newLine: boolean;
}

/** Variables by name (`X` for `$X`, `${{ env.X }}`, `{{X}}`; `matrix.a.b` for `${{ matrix.a.b }}`). */

/** Variables by name (`X` for `$X`, `${{ env.X }}`, `{{X}}`; `matrix.a.b` for `${{ matrix.a.b }}`). */
export type Vars = ReadonlyMap<string, readonly Located<string>[]>;

const MAX_VARIANTS = 32;

// ---------------------------------------------------------------------------------------------
// Words

/** The file span of `word.text[from, to)`, when those characters sit side by side in the file. */
export function spanOf(file: FileId, word: Word, from = 0, to = word.text.length): Span | undefined {
  if (to <= from) return undefined;
  for (let k = from + 1; k < to; k++) if (word.offs[k] !== (word.offs[k - 1] ?? -2) + 1) return undefined;
  const start = word.offs[from];
  const last = word.offs[to - 1];
  return start === undefined || last === undefined ? undefined : { file, start, end: last + 1 };
}

export const locatedOf = (file: FileId, word: Word, from = 0, to = word.text.length): Located<string> | undefined => {
  const span = spanOf(file, word, from, to);
  return span ? { value: word.text.slice(from, to), span } : undefined;
};

/** The characters `[from, to)` of a word, offsets kept. */
export const sub = (w: Word, from: number, to = w.text.length): Word => ({ text: w.text.slice(from, to), offs: w.offs.slice(from, to), dynamic: w.dynamic });

/** A word made of a region's text as it stands (YAML scalars, TOML strings). */
export function wordOf(r: Region, from = 0, to = r.text.length): Word {
  const offs: number[] = [];
  for (let i = from; i < to; i++) offs.push(r.base + i);
  return { text: r.text.slice(from, to), offs, dynamic: false };
}

/** A located literal as a word. */
export function wordOfLocated(v: Located<string>): Word {
  const len = v.span.end - v.span.start;
  return { text: v.value, offs: [...v.value].map((_, i) => v.span.start + Math.min(i, Math.max(0, len - 1))), dynamic: false };
}

/** Splits a word on commas and whitespace (action inputs such as `targets: a, b`). */
export function splitList(w: Word): Word[] {
  const out: Word[] = [];
  for (const m of w.text.matchAll(/[^\s,]+/g)) out.push(sub(w, m.index ?? 0, (m.index ?? 0) + m[0].length));
  return out;
}

const REF = /\$\{\{\s*([\w.-]+)\s*\}\}|\$\{\{[^}]*\}\}|\$\{(\w+)\}|\$\((\w+)\)|\$(\w+)|\{\{\s*(\w+)\s*\}\}/g;

function lookup(vars: Vars, m: RegExpMatchArray): readonly Located<string>[] | undefined {
  const expr = m[1];
  if (expr !== undefined) {
    if (expr.startsWith('env.')) return vars.get(expr.slice(4));
    return expr.startsWith('matrix.') ? vars.get(expr) : undefined;
  }
  const name = m[2] ?? m[3] ?? m[4] ?? m[5];
  return name === undefined ? undefined : vars.get(name);
}

/** The word with every known variable replaced by each of its values (one variant per value). */
export function expand(word: Word, vars: Vars): Word[] {
  let variants: Word[] = [{ text: '', offs: [], dynamic: word.dynamic }];
  let last = 0;
  const append = (w: Word, piece: Word): Word => ({ text: w.text + piece.text, offs: [...w.offs, ...piece.offs], dynamic: w.dynamic || piece.dynamic });
  for (const m of word.text.matchAll(REF)) {
    const at = m.index ?? 0;
    const lit = sub(word, last, at);
    const values = lookup(vars, m);
    const pieces = values && values.length > 0 ? values.map(wordOfLocated) : [{ ...sub(word, at, at + m[0].length), dynamic: true }];
    variants = variants.flatMap((v) => pieces.map((p) => append(append(v, lit), p))).slice(0, MAX_VARIANTS);
    last = at + m[0].length;
  }
  return variants.map((v) => append(v, sub(word, last)));
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

export function tokenize(r: Region): Command[] {
  const t = r.text;
  const cmds: Command[] = [];
  let words: Word[] = [];
  let chars: string[] = [];
  let offs: number[] = [];
  let inWord = false;
  let newLine = true;
  let quote: string | undefined;
  const add = (ch: string, at: number) => {
    chars.push(ch);
    offs.push(r.base + at);
    inWord = true;
  };
  const endWord = () => {
    if (inWord) words.push({ text: chars.join(''), offs, dynamic: false });
    chars = [];
    offs = [];
    inWord = false;
  };
  /** Ends the command; the next one starts a line when this separator is a line break (or nothing came since the last one). */
  const endCmd = (lineBreak: boolean) => {
    endWord();
    if (words.length > 0) {
      cmds.push({ words, newLine });
      newLine = lineBreak;
    } else newLine ||= lineBreak;
    words = [];
  };
  /** Adds `t[i..]` through the closing delimiter (or the end of the line) to the word. */
  const through = (i: number, close: string): number => {
    let j = i;
    for (; j < t.length && t[j] !== '\n'; j++) {
      add(t[j] as string, j);
      if (j > i + 1 && t.startsWith(close, j - close.length + 1)) return j;
    }
    return j - 1;
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    const next = t[i + 1];
    const continuation = c === '\\' && (next === '\n' || (next === '\r' && t[i + 2] === '\n'));
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n') {
        quote = undefined;
        endCmd(true);
      } else if (quote === '"' && continuation) i += next === '\r' ? 2 : 1;
      else if (quote === '"' && c === '\\' && next !== undefined && '"\\$`'.includes(next)) add(next, ++i);
      else if (c === '$' && t.startsWith('${{', i)) i = through(i, '}}');
      else add(c, i);
      continue;
    }
    if (continuation) {
      endWord();
      i += next === '\r' ? 2 : 1;
    } else if (c === '\\') {
      if (next !== undefined && next !== '\n') add(next, ++i);
    } else if (c === '\n') endCmd(true);
    else if (c === ' ' || c === '\t' || c === '\r' || c === '<' || c === '>') endWord();
    else if (';&|()`'.includes(c)) endCmd(false);
    else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (t.startsWith('${{', i) || t.startsWith('{{', i)) i = through(i, '}}');
    else if (t.startsWith('$(', i)) i = through(i, ')');
    else if (t.startsWith('${', i)) i = through(i, '}');
    else add(c, i);
  }
  endCmd(true);
  return cmds;
}

