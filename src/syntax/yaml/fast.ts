/**
 * The fast path of `parseYaml`: a hand-written, line-oriented parser for the YAML GitHub workflows
 * are written in — block maps and sequences (compact `- key: value` items, items at their key's
 * indent), plain, quoted and block scalars, flow collections, comments, CRLF, a BOM. It builds
 * exactly the tree the `yaml` package path builds, down to where a collection's span ends when
 * comments trail it, and gives up (undefined) on anything else or anything that might be an
 * error: anchors, aliases, tags, `?` keys, directives, several documents, tabs outside block
 * scalars, duplicate keys, multi-line quoted scalars, odd indentation. The caller then takes the
 * full path, which also words the errors.
 *
 * Spans follow the `yaml` package's node ranges `[start, valueEnd, nodeEnd]`: a span is
 * `[start, valueEnd]`, and a block collection's valueEnd is its last node's nodeEnd — the end of
 * that node's line, of indented comment lines a scalar takes in after it, or of comment lines a
 * collection keeps after its last node (`Parsed` below).
 */
import type { FileId, Span } from '../span.ts';
import type { SourceFile } from '../source.ts';
import { maskRegion } from '../text.ts';
import type { YamlParse, YEntry, YMap, YScalar, YSeq, YValue } from './tree.ts';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const AMP = 38;
const SQUOTE = 39;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const DASH = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COLON = 58;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const BOM = 0xfeff;

/** `parseYaml` drops nodes nested deeper than 64; stay well clear of that. */
const MAX_DEPTH = 48;
/** The `yaml` package rejects an implicit key whose `:` is more than 1024 characters on. */
const MAX_KEY = 1000;

/** Characters no workflow needs: control characters, a lone CR, a BOM past the start. */
const ODD_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufeff]|\r(?!\n)/g;
/** Directives and document markers. */
const MARKER_LINE = /^(?:%|(?:---|\.\.\.)(?=[ \t\r\n]|$))/gm;
/** What ends plain text on a line: `: `, ` #`, a tab or the line's end; inside a flow collection also `,[]{}` and `:` before them. */
const PLAIN_END = /:(?=[ \t\r\n]|$)| #|[\t\r\n]/g;
const FLOW_PLAIN_END = /:(?=[ \t\r\n,[\]{}]|$)| #|[\t\r\n,[\]{}]/g;

/** Plain keys the core schema reads as null, a boolean or a number: their `String()` is not the literal. */
const NOT_A_STRING = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** Thrown to give up; `parseYamlFast` turns it into undefined. */
class Unsupported extends Error {}
const bail = (): never => {
  throw new Unsupported();
};

/** A node of a block collection and what follows it. */
interface Parsed {
  readonly value: YValue;
  /** the node's end including what trails it (the `yaml` package's nodeEnd) */
  readonly end2: number;
  /** the next content character after the node, or the text's length */
  readonly next: number;
  /** the column of `next`, -1 at the end */
  readonly indent: number;
  /** the deepest column of comment lines between the node and `next` that no node has taken, or -1 */
  readonly trail: number;
}

/** The blank and comment lines before the next content. */
interface Gap {
  readonly next: number;
  readonly indent: number;
  /** the end of the last comment line a scalar before the gap takes in, or -1 */
  readonly absorbed: number;
  readonly trail: number;
  readonly comment: boolean;
}

interface Key {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly colon: number;
}

interface Quoted {
  readonly value: string;
  /** after the closing quote */
  readonly end: number;
}

interface Line {
  /** after the last non-space character */
  readonly end: number;
  /** what stopped the scan: COLON (`: `), HASH (` #`), LF (the line's end) or a flow indicator */
  readonly stop: number;
  /** where it stopped */
  readonly at: number;
}

/** The tree `parseYaml` builds for `file`, or undefined to take the full parser. Never an error, never throws. */
export function parseYamlFast(file: SourceFile): YamlParse | undefined {
  try {
    return { ok: true, root: new FastYaml(file).parse() };
  } catch {
    return undefined;
  }
}

class FastYaml {
  private readonly text: string;
  private readonly n: number;
  private readonly file: FileId;
  /** where the first line starts: 1 after a BOM */
  private readonly base: number;

  constructor(file: SourceFile) {
    this.text = file.text;
    this.n = file.text.length;
    this.file = file.id;
    this.base = file.text.charCodeAt(0) === BOM ? 1 : 0;
  }

  parse(): YValue {
    const marker = this.precheck();
    let at = this.skip(this.base, -1, false);
    if (marker >= 0) {
      if (at.next !== marker) bail();
      this.lineRest(marker + 3);
      at = this.skip(this.nextLine(marker + 3), -1, false);
    }
    // An empty document, a root scalar or an indented root: rare, left to the full parser.
    if (at.indent !== 0) bail();
    const key = this.keyAt(at.next);
    // After a BOM the `yaml` parser does not count `- ` of the first line as indentation.
    const root = key ? this.map(key, 0, 0) : this.base === 0 && this.isSeqItem(at.next) ? this.seq(at.next, 0, 0) : bail();
    if (root.next < this.n) bail();
    return root.value;
  }

  /**
   * Gives up on characters no workflow needs, a directive, a document end or a second document;
   * returns the offset of a `---` line, or -1. (After a BOM a marker on the first line is missed:
   * the line then holds no key, and the parse gives up.)
   */
  private precheck(): number {
    ODD_CHAR.lastIndex = this.base;
    if (ODD_CHAR.test(this.text)) bail();
    let marker = -1;
    MARKER_LINE.lastIndex = 0;
    for (let m = MARKER_LINE.exec(this.text); m; m = MARKER_LINE.exec(this.text)) {
      if (m[0] !== '---' || marker >= 0) bail();
      marker = m.index;
    }
    return marker;
  }

  // ---- block structure ----

  /** A block map whose first key is `first`, at column `col`. */
  private map(first: Key, col: number, depth: number): Parsed {
    if (depth > MAX_DEPTH) bail();
    const entries: YEntry[] = [];
    const seen = new Set<string>();
    let key = first;
    for (;;) {
      if (seen.has(key.key)) bail();
      seen.add(key.key);
      const last = this.slot(key.colon + 1, col, false, depth + 1);
      entries.push({ key: key.key, keySpan: this.span(key.start, key.end), value: last.value });
      if (last.indent > col) bail();
      if (last.indent < col) return this.close({ kind: 'map', span: this.span(first.start, last.end2), entries }, col, last);
      key = this.keyAt(last.next) ?? bail();
    }
  }

  /** A block sequence whose first `-` is at `cp`, column `col`. */
  private seq(cp: number, col: number, depth: number): Parsed {
    if (depth > MAX_DEPTH) bail();
    const items: YValue[] = [];
    for (let dash = cp, comment = false; ; ) {
      const last = this.slot(dash + 1, col, true, depth + 1, comment);
      items.push(last.value);
      if (last.indent > col) bail();
      // A line at the same column that is no item ends a sequence written at its key's indent.
      if (last.indent < col || !this.isSeqItem(last.next)) return this.close({ kind: 'seq', span: this.span(cp, last.end2), items }, col, last);
      // Comment lines the item left go to the next one, where an empty node takes them in.
      comment = last.trail >= 0;
      dash = last.next;
    }
  }

  /**
   * Ends a collection at column `col`. Comment lines after its last node stay with it (and end
   * its node there) when one of them is indented at least as deep as it, unless it sits at column 0;
   * otherwise they pass to the enclosing collection.
   */
  private close(value: YMap | YSeq, col: number, last: Parsed): Parsed {
    const keep = col > 0 && last.trail >= col;
    return { value, end2: keep ? last.next : value.span.end, next: last.next, indent: last.indent, trail: keep ? -1 : last.trail };
  }

  /**
   * The value after an indicator (a key's `:` or an item's `-`) ending before `i`, in a collection
   * at column `col`; `comment` when comment lines before the indicator belong to its node.
   */
  private slot(i: number, col: number, item: boolean, depth: number, comment = false): Parsed {
    const v = this.spaces(i);
    if (this.eolAt(v) || this.code(v) === HASH) return this.below(v, col, item, depth, comment);
    if (item) {
      if (this.isSeqItem(v)) bail();
      const key = this.keyAt(v);
      if (key) return this.map(key, col + 1 + v - i, depth);
    }
    return this.inline(v, col, depth);
  }

  /** A value on the lines after its indicator, or an empty one at `p` (after the indicator and its spaces). */
  private below(p: number, col: number, item: boolean, depth: number, before: boolean): Parsed {
    const gap = this.skip(this.nextLine(p), col, false);
    if (gap.indent > col) return this.node(gap.next, gap.indent, col, depth);
    if (!item && gap.indent === col && this.isSeqItem(gap.next)) return this.seq(gap.next, col, depth);
    // Every line up to the next content belongs to the empty node; a comment among them ends it there.
    const comment = before || this.code(p) === HASH || gap.comment;
    return { value: this.plainScalar(p, p), end2: comment ? gap.next : p, next: gap.next, indent: gap.indent, trail: -1 };
  }

  /** The node that starts a line at `cp`, column `indent`, inside a collection at column `col`. */
  private node(cp: number, indent: number, col: number, depth: number): Parsed {
    if (this.isSeqItem(cp)) return this.seq(cp, indent, depth);
    const key = this.keyAt(cp);
    if (key) return this.map(key, indent, depth);
    const c = this.code(cp);
    if (c === PIPE || c === GT) bail();
    return this.inline(cp, col, depth);
  }

  /** A scalar or flow collection at `v`, in a collection at column `col`. */
  private inline(v: number, col: number, depth: number): Parsed {
    const c = this.code(v);
    if (c === PIPE || c === GT) return this.block(v, col);
    if (c === SQUOTE || c === DQUOTE) {
      const q = this.quoted(v);
      this.lineRest(q.end);
      return this.leaf(this.quotedScalar(v, q), q.end, col, true);
    }
    if (c === LBRACKET || c === LBRACE) {
      const f = this.flow(v, col, 1, depth);
      this.lineRest(f.span.end);
      return this.leaf(f, f.span.end, col, true);
    }
    return this.plain(v, col);
  }

  /**
   * A node ending at `end`, in a collection at column `col`. A plain or quoted scalar or a flow
   * collection (`absorbs`) takes in the comment lines after it that are indented past `col`,
   * blank lines between them included, up to the first comment that is not.
   */
  private leaf(value: YValue, end: number, col: number, absorbs: boolean): Parsed {
    const own = absorbs ? this.nextLine(end) : end;
    const gap = this.skip(own, col, absorbs);
    return { value, end2: gap.absorbed >= 0 ? gap.absorbed : own, next: gap.next, indent: gap.indent, trail: gap.trail };
  }

  /** Skips blank and comment lines from the line start `ls`; see `Gap` and `leaf`. */
  private skip(ls: number, col: number, absorbs: boolean): Gap {
    let absorbed = -1;
    let trail = -1;
    let comment = false;
    let taking = absorbs;
    for (;;) {
      if (ls >= this.n) return { next: this.n, indent: -1, absorbed, trail, comment };
      const k = this.spaces(ls);
      const c = this.code(k);
      if (c === HASH) {
        comment = true;
        const next = this.nextLine(k);
        if (taking && k - ls > col) absorbed = next;
        else {
          taking = false;
          trail = Math.max(trail, k - ls);
        }
        ls = next;
      } else if (this.eolAt(k)) ls = this.nextLine(k);
      else if (c === TAB) bail();
      else return { next: k, indent: k - ls, absorbed, trail, comment };
    }
  }

  // ---- keys and scalars ----

  /** The implicit key at `cp` (`key:`, `"key":`), undefined when the line holds no key there. */
  private keyAt(cp: number): Key | undefined {
    const c = this.code(cp);
    if (c === SQUOTE || c === DQUOTE) {
      const q = this.quoted(cp);
      const colon = this.spaces(q.end);
      return this.code(colon) === COLON && this.blankAt(colon + 1) ? this.key(q.value, cp, q.end, colon) : undefined;
    }
    if (!this.plainStarts(cp, false)) return undefined;
    const line = this.plainLine(cp, false);
    return line.stop === COLON ? this.plainKey(cp, line) : undefined;
  }

  private plainKey(cp: number, line: Line): Key {
    const key = this.text.slice(cp, line.end);
    if (NOT_A_STRING.test(key)) bail();
    return this.key(key, cp, line.end, line.at);
  }

  private key(key: string, start: number, end: number, colon: number): Key {
    // `<<` is a merge key with `merge: true`.
    if (key === '<<' || colon - start > MAX_KEY) bail();
    return { key, start, end, colon };
  }

  /** A plain scalar at `cp` in block context, continued on the following lines indented past `col`. */
  private plain(cp: number, col: number): Parsed {
    if (!this.plainStarts(cp, false)) bail();
    let line = this.plainLine(cp, false);
    if (line.stop === COLON) bail();
    let end = line.end;
    while (line.stop === LF) {
      const gap = this.blankLines(this.nextLine(line.at));
      // A comment line, or a line not indented past the collection, ends the scalar.
      if (gap.indent <= col || this.code(gap.next) === HASH) break;
      line = this.plainLine(gap.next, false);
      if (line.stop === COLON) bail();
      end = line.end;
    }
    return this.leaf(this.plainScalar(cp, end), end, col, true);
  }

  /** The first line at or after the line start `ls` that is not blank: its first non-space and column (-1 at the end). */
  private blankLines(ls: number): { next: number; indent: number } {
    for (;;) {
      if (ls >= this.n) return { next: this.n, indent: -1 };
      const k = this.spaces(ls);
      if (!this.eolAt(k)) {
        if (this.code(k) === TAB) bail();
        return { next: k, indent: k - ls };
      }
      ls = this.nextLine(k);
    }
  }

  /** Whether a plain scalar may start at `i`: no indicator, quote or reserved character, and `-` only before text. */
  private plainStarts(i: number, flow: boolean): boolean {
    switch (this.code(i)) {
      case TAB:
      case LF:
      case CR:
      case BANG:
      case DQUOTE:
      case HASH:
      case PERCENT:
      case AMP:
      case SQUOTE:
      case STAR:
      case COMMA:
      case COLON:
      case GT:
      case QUESTION:
      case AT:
      case LBRACKET:
      case RBRACKET:
      case BACKTICK:
      case LBRACE:
      case PIPE:
      case RBRACE:
        return false;
      case DASH:
        return !this.blankAt(i + 1) && !(flow && this.isFlowIndicator(this.code(i + 1)));
      default:
        return i < this.n;
    }
  }

  /** Scans plain text on one line from `i`, as the `yaml` lexer does: it ends before its trailing spaces. */
  private plainLine(i: number, flow: boolean): Line {
    const re = flow ? FLOW_PLAIN_END : PLAIN_END;
    re.lastIndex = i;
    const at = re.exec(this.text)?.index ?? this.n;
    let end = at;
    while (end > i && this.code(end - 1) === SPACE) end--;
    const c = this.code(at);
    if (c === TAB) bail();
    if (c === SPACE) return { end, stop: HASH, at };
    return { end, stop: this.eolAt(at) ? LF : c, at };
  }

  /** A single-line quoted scalar at `cp`; its closing quote is found as the `yaml` lexer finds it. */
  private quoted(cp: number): Quoted {
    const single = this.code(cp) === SQUOTE;
    const quote = single ? "'" : '"';
    let i = this.text.indexOf(quote, cp + 1);
    while (i >= 0 && (single ? this.code(i + 1) === SQUOTE : this.escaped(i))) i = this.text.indexOf(quote, single ? i + 2 : i + 1);
    const nl = this.text.indexOf('\n', cp);
    if (i < 0 || (nl >= 0 && nl < i)) bail();
    const inner = this.text.slice(cp + 1, i);
    return { value: single ? inner.replaceAll("''", "'") : unescape(inner), end: i + 1 };
  }

  /** Whether the character at `i` follows an odd number of backslashes. */
  private escaped(i: number): boolean {
    let k = i;
    while (this.code(k - 1) === BACKSLASH) k--;
    return (i - k) % 2 === 1;
  }

  /** A block scalar whose header (`|`, `>-`, `|2+`, ...) is at `h`, in a collection at column `col`. */
  private block(h: number, col: number): Parsed {
    let i = h + 1;
    let chomp = 0;
    let explicit = 0;
    for (; ; i++) {
      const c = this.code(i);
      if ((c === DASH || c === PLUS) && chomp === 0) chomp = c;
      else if (c > DIGIT_0 && c <= DIGIT_9 && explicit === 0) explicit = c - DIGIT_0;
      else break;
    }
    this.lineRest(i);
    const body = this.nextLine(i);
    const end = this.blockEnd(body, col, explicit, chomp === PLUS);
    const folded = this.code(h) === GT;
    const value = blockValue(this.text.slice(body, end), folded, explicit, chomp, col) ?? bail();
    const region = maskRegion(this.file, this.text, h, end, folded ? 'block-folded' : 'block-literal');
    return this.leaf({ kind: 'scalar', value, span: this.span(h, end), region }, end, col, false);
  }

  /** Where the `yaml` lexer ends a block scalar body starting at the line start `body`; gives up on an empty body. */
  private blockEnd(body: number, col: number, explicit: number, keep: boolean): number {
    let nl = body - 1;
    let indent = 0;
    let i = body;
    for (; i < this.n; i++) {
      const c = this.code(i);
      if (c === SPACE) indent++;
      else if (c === LF) {
        nl = i;
        indent = 0;
      } else if (c !== CR) break;
    }
    if (i >= this.n || indent <= col) bail();
    const first = nl + 1;
    const need = explicit > 0 ? explicit + col : indent;
    for (;;) {
      const cs = this.continues(nl + 1, need);
      if (cs < 0) break;
      nl = this.text.indexOf('\n', cs);
      if (nl < 0) {
        nl = this.n;
        break;
      }
    }
    if (nl < first) bail();
    let t = nl + 1;
    while (this.code(t) === SPACE) t++;
    if (this.code(t) === TAB) bail();
    // Trailing lines of spaces no deeper than the first line are not part of a clipped or stripped body.
    while (!keep) {
      let q = nl - 1;
      let c = this.code(q);
      if (c === CR) c = this.code(--q);
      const lastChar = q;
      while (c === SPACE) c = this.code(--q);
      if (c === LF && q >= body && q + 1 + indent > lastChar) nl = q;
      else break;
    }
    return Math.min(nl + 1, this.n);
  }

  /** The lexer's `continueScalar`: where the line at `o` continues a scalar indented `need` deep, or -1. */
  private continues(o: number, need: number): number {
    let k = o;
    while (this.code(k) === SPACE) k++;
    const c = this.code(k);
    if (c === CR && this.code(k + 1) === LF) return k + 1;
    return c === LF || k - o >= need ? k : -1;
  }

  // ---- flow collections ----

  /** A flow collection at `o`, nested `level` deep, in a block collection at column `col`. */
  private flow(o: number, col: number, level: number, depth: number): YMap | YSeq {
    if (depth > MAX_DEPTH) bail();
    const isMap = this.code(o) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const entries: YEntry[] = [];
    const items: YValue[] = [];
    const seen = new Set<string>();
    let i = this.flowGap(o + 1, col, level);
    while (this.code(i) !== close) {
      if (isMap) {
        const key = this.flowKey(i);
        if (seen.has(key.key)) bail();
        seen.add(key.key);
        // The value on the key's line, after `: `.
        if (this.code(key.colon + 1) !== SPACE) bail();
        const v = this.spaces(key.colon + 1);
        if (this.code(v) === HASH) bail();
        const item = this.flowItem(v, col, level, depth + 1);
        entries.push({ key: key.key, keySpan: this.span(key.start, key.end), value: item.value });
        i = this.flowGap(item.end, col, level);
      } else {
        const item = this.flowItem(i, col, level, depth + 1);
        items.push(item.value);
        i = this.flowGap(item.end, col, level);
      }
      if (this.code(i) === close) break;
      if (this.code(i) !== COMMA) bail();
      i = this.flowGap(i + 1, col, level);
      // One trailing comma is fine, an empty item is not.
      if (this.code(i) === COMMA) bail();
    }
    const span = this.span(o, i + 1);
    return isMap ? { kind: 'map', span, entries } : { kind: 'seq', span, items };
  }

  private flowKey(i: number): Key {
    const c = this.code(i);
    if (c === SQUOTE || c === DQUOTE) {
      const q = this.quoted(i);
      const colon = this.spaces(q.end);
      return this.code(colon) === COLON ? this.key(q.value, i, q.end, colon) : bail();
    }
    if (!this.plainStarts(i, true)) bail();
    const line = this.plainLine(i, true);
    return line.stop === COLON ? this.plainKey(i, line) : bail();
  }

  /** A scalar or nested collection inside a flow collection, and where its literal ends. */
  private flowItem(i: number, col: number, level: number, depth: number): { value: YValue; end: number } {
    const c = this.code(i);
    if (c === LBRACKET || c === LBRACE) {
      const value = this.flow(i, col, level + 1, depth);
      return { value, end: value.span.end };
    }
    if (c === SQUOTE || c === DQUOTE) {
      const q = this.quoted(i);
      return { value: this.quotedScalar(i, q), end: q.end };
    }
    if (!this.plainStarts(i, true)) bail();
    const line = this.plainLine(i, true);
    // A plain scalar at a line's end goes on unless the next line starts with `,`, `]`, `}` or a comment.
    if (line.stop === LF) {
      const c = this.code(this.blankLines(this.nextLine(line.at)).next);
      if (c !== COMMA && c !== RBRACKET && c !== RBRACE && c !== HASH) bail();
    }
    return { value: this.plainScalar(i, line.end), end: line.end };
  }

  /**
   * Skips spaces, line breaks and comments inside a flow collection. Each line must be indented
   * past the block collection at `col`, but a line may close the outermost flow collection at `col`.
   */
  private flowGap(i: number, col: number, level: number): number {
    for (;;) {
      const c = this.code(i);
      if (c === SPACE) i++;
      else if (c === HASH) {
        // Not at a line's start either: after a flow map's value the `yaml` package reports that.
        if (this.code(i - 1) !== SPACE) bail();
        while (!this.eolAt(i)) i++;
      } else if (c === LF || c === CR) {
        const ls = this.nextLine(i);
        const k = this.spaces(ls);
        const d = this.code(k);
        if (!this.eolAt(k) && d !== HASH && k - ls <= col && !(level === 1 && k - ls === col && (d === RBRACKET || d === RBRACE))) bail();
        i = k;
      } else if (i >= this.n || c === TAB) bail();
      else return i;
    }
  }

  // ---- helpers ----

  private quotedScalar(start: number, q: Quoted): YScalar {
    const inner = this.span(start + 1, Math.max(start + 1, q.end - 1));
    return { kind: 'scalar', value: q.value, span: inner, region: maskRegion(this.file, this.text, inner.start, inner.end, 'fold') };
  }

  /** A plain scalar keeps its literal, lines joined (`parseYaml`'s convention). */
  private plainScalar(start: number, end: number): YScalar {
    const raw = this.text.slice(start, end);
    return { kind: 'scalar', value: raw.replace(/\s*\r?\n\s*/g, ' '), span: this.span(start, end), region: maskRegion(this.file, this.text, start, end, 'fold') };
  }

  /** After a node: spaces, then the line's end or a comment. */
  private lineRest(j: number): void {
    const k = this.spaces(j);
    if (!this.eolAt(k) && !(this.code(k) === HASH && k > j)) bail();
  }

  private isSeqItem(i: number): boolean {
    return this.code(i) === DASH && this.blankAt(i + 1);
  }

  private isFlowIndicator(c: number): boolean {
    return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
  }

  /** A space, tab or line break, or the end of the text: what must follow an indicator. */
  private blankAt(i: number): boolean {
    const c = this.code(i);
    return i >= this.n || c === SPACE || c === LF || c === CR || c === TAB;
  }

  /** A line's end (a CR is always part of a CRLF, see `precheck`). */
  private eolAt(i: number): boolean {
    const c = this.code(i);
    return i >= this.n || c === LF || c === CR;
  }

  private nextLine(i: number): number {
    const j = this.text.indexOf('\n', i);
    return j < 0 ? this.n : j + 1;
  }

  private spaces(i: number): number {
    while (this.code(i) === SPACE) i++;
    return i;
  }

  private code(i: number): number {
    return this.text.charCodeAt(i);
  }

  private span(start: number, end: number): Span {
    return { file: this.file, start, end };
  }
}

/** A single-line double-quoted scalar's escapes, as the `yaml` package reads them. */
function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = s.charAt(++i);
    const esc = ESCAPES[next];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const length = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : bail();
    const hex = s.substr(i + 1, length);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === length ? parseInt(hex, 16) : bail();
    if (code > 0x10ffff) bail();
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}

/**
 * A block scalar's value from its body (which has a content line, see `blockEnd`), as the `yaml`
 * package's `resolveBlockScalar` computes it (`col` is the enclosing collection's column);
 * undefined where that reports an error.
 */
function blockValue(source: string, folded: boolean, explicit: number, chomp: number, col: number): string | undefined {
  const lines = splitLines(source);
  const indentOf = (i: number): string => lines[i]?.[0] ?? '';
  const contentOf = (i: number): string => lines[i]?.[1] ?? '';
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = contentOf(i);
    if (content === '' || content === '\r') chompStart = i;
    else break;
  }
  let trimIndent = col + explicit;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const indent = indentOf(i).length;
    const content = contentOf(i);
    if (content === '' || content === '\r') {
      if (explicit === 0 && indent > trimIndent) trimIndent = indent;
    } else {
      // More-indented leading empty lines need an indentation indicator.
      if (indent < trimIndent) return undefined;
      if (explicit === 0) trimIndent = indent;
      contentStart = i;
      break;
    }
  }
  // Trailing empty lines indented past the content are content.
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (indentOf(i).length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += indentOf(i).slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const indent = indentOf(i);
    let content = contentOf(i);
    if (content.endsWith('\r')) content = content.slice(0, -1);
    // Less indented than the first line: an error in the `yaml` package.
    if (content && indent.length < trimIndent) return undefined;
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent || content.startsWith('\t')) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === PLUS) {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + indentOf(i).slice(trimIndent);
    if (!value.endsWith('\n')) value += '\n';
  } else if (chomp !== DASH) value += '\n';
  return value;
}

/** A body's lines as `[indent, content]` (the `yaml` package's `splitLines`). */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0] ?? '';
  const lead = /^ */.exec(first)?.[0] ?? '';
  const lines: [string, string][] = [[lead, first.slice(lead.length)]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i] ?? '', split[i + 1] ?? '']);
  return lines;
}
