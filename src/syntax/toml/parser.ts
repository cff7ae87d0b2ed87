/**
 * A purpose-built TOML parser: TOML 1.0, plus the syntax TOML 1.1.0 added (newlines, comments and a
 * trailing comma in inline tables, `\e` and `\xHH`, times without seconds), which it accepts and
 * records with spans in `toml11` (Cargo reads 1.1 only from 1.94: rules judge it). It builds the
 * adapter's span-carrying tree (see toml.ts) in one pass over char codes: no tokens, no
 * line/column bookkeeping, no recursion deeper than MAX_DEPTH.
 *
 * The tree is the one toml.ts built from toml-eslint-parser's AST, quirks included:
 * - a header table's `span` runs from its `[` to the end of its last key-value (or its closing `]`);
 * - `headerSpan` ends one (`[a]`) or two (`[[a]]`) code units after the last key part, even when
 *   spaces come before the `]`;
 * - a table created implicitly keeps the key/entry spans of whatever created it first;
 * - `-0` is the integer 0, and multi-line strings turn CRLF into LF; an integer beyond ±(2^53 − 1)
 *   is a bigint (the reference adapter rounded it to a number);
 * - a date-time's value is `String(new Date(…))` of the ISO text the AST built.
 * Where toml-eslint-parser 1.0.3 accepts what TOML 1.0 rejects (a CR without LF, integers outside
 * 64 bits, a date followed by a lone digit at the end of the input) this parser rejects it, and a
 * `0` at the very end of the input gets its real span instead of an empty one.
 * Errors are `{ message, offset }` with a short lowercase message and the offset of the problem.
 */
import type { FileId, Span } from '../span.ts';
import type { Toml11Construct, Toml11Use, TomlEntry, TomlNode, TomlParse, TomlScalar, TomlTable } from './tree.ts';

const MAX_DEPTH = 512;

// char codes
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const APOS = 39;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const COLON = 58;
const EQUALS = 61;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const LBRACE = 123;
const RBRACE = 125;
const DEL = 127;

/** digit classes, as bit flags per ASCII code */
const DEC = 1;
const HEX = 2;
const OCT = 4;
const BIN = 8;
const BARE = 16;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const digit = c >= 48 && c <= 57;
  const upper = c >= 65 && c <= 90;
  const lower = c >= 97 && c <= 122;
  CLASS[c] =
    (digit ? DEC | HEX : 0) |
    ((c >= 65 && c <= 70) || (c >= 97 && c <= 102) ? HEX : 0) |
    (c >= 48 && c <= 55 ? OCT : 0) |
    (c === 48 || c === 49 ? BIN : 0) |
    (digit || upper || lower || c === 95 || c === 45 ? BARE : 0);
}
const is = (c: number, cls: number): boolean => c < 128 && ((CLASS[c] ?? 0) & cls) !== 0;

/** largest magnitudes of a 64-bit signed integer, as digit strings per radix */
const I64_MAX: Record<number, string> = { 10: '9223372036854775807', 16: '7fffffffffffffff', 8: '777777777777777777777', 2: '1'.repeat(63) };
const I64_MIN_ABS = '9223372036854775808';

/** table bookkeeping the output objects must not carry (tests compare them with the AST adapter's) */
const IMPLICIT = 1; // created as a parent by a `[a.b]` header: one `[a]` may still define it
const DOTTED = 2; // created (or extended) by a dotted key: more dotted keys may extend it, no header may define it
const ARRAY_OF_TABLES = 3; // an array made by `[[a]]`: more `[[a]]` may append to it

interface MutTable {
  kind: 'table';
  span: Span;
  headerSpan?: Span;
  inline: boolean;
  entries: Map<string, TomlEntry>;
}
interface MutArray {
  kind: 'array';
  span: Span;
  items: TomlNode[];
}
interface MutSpan {
  file: FileId;
  start: number;
  end: number;
}
type Entries = Map<string, TomlEntry>;

class ParseFailure {
  message: string;
  at: number;
  constructor(message: string, at: number) {
    this.message = message;
    this.at = at;
  }
}

function fail(message: string, at: number): never {
  throw new ParseFailure(message, at);
}

export function parseTomlTree(text: string, file: FileId, offset: number): TomlParse {
  const parser = new Parser(text, file, offset);
  try {
    const root = parser.document();
    return parser.toml11.length > 0 ? { ok: true, root, toml11: parser.toml11 } : { ok: true, root };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: { message: e.message, offset: Math.min(e.at, text.length) + offset } };
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { message: `cannot read the document (${detail})`, offset: parser.pos + offset } };
  }
}

class Parser {
  readonly text: string;
  readonly len: number;
  readonly file: FileId;
  readonly off: number;
  pos = 0;
  /** states of tables and arrays that are not plain explicitly defined ones */
  readonly states = new Map<TomlNode, number>();
  /** the header table whose body is being read, and its span so far */
  open: MutTable | undefined;
  openStart = 0;
  openEnd = 0;
  /** set by digits() when it skipped an underscore */
  underscore = false;
  /** set by escape(): the decoded text of the last escape sequence */
  escaped = '';
  /** TOML 1.1 syntax met so far */
  readonly toml11: Toml11Use[] = [];

  constructor(text: string, file: FileId, offset: number) {
    this.text = text;
    this.len = text.length;
    this.file = file;
    this.off = offset;
  }

  span(start: number, end: number): Span {
    return { file: this.file, start: start + this.off, end: end + this.off };
  }

  uses11(construct: Toml11Construct, start: number, end: number): void {
    this.toml11.push({ construct, span: this.span(start, end) });
  }

  code(i: number): number {
    return this.text.charCodeAt(i);
  }

  // ── document structure ─────────────────────────────────────────────────────────────────────

  document(): TomlTable {
    const root: MutTable = { kind: 'table', span: this.span(-this.off, this.len), inline: false, entries: new Map() };
    let body = root.entries;
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.len) break;
      if (this.code(this.pos) === LBRACKET) {
        body = this.header(root.entries);
        this.lineEnd('the table header');
      } else {
        this.keyValue(body, 0);
        this.openEnd = this.pos;
        this.lineEnd('the value');
      }
    }
    this.closeOpen();
    return root;
  }

  closeOpen(): void {
    if (this.open) this.open.span = this.span(this.openStart, this.openEnd);
  }

  /** `[a.b]` or `[[a.b]]`; returns the entries later key-values go into */
  header(rootEntries: Entries): Entries {
    const start = this.pos++;
    const array = this.code(this.pos) === LBRACKET;
    if (array) this.pos++;
    this.skipSpaces();
    const headerSpan: MutSpan = { file: this.file, start: start + this.off, end: 0 };
    let entries = rootEntries;
    let keyStart = this.pos;
    let name = this.keyPart();
    let keyEnd = this.pos;
    this.skipSpaces();
    while (this.code(this.pos) === DOT) {
      this.pos++;
      this.skipSpaces();
      entries = this.headerParent(entries, name, keyStart, keyEnd, headerSpan);
      keyStart = this.pos;
      name = this.keyPart();
      keyEnd = this.pos;
      this.skipSpaces();
    }
    if (this.code(this.pos) !== RBRACKET) fail(array ? 'expected `]]` after the table name' : 'expected `]` after the table name', this.pos);
    this.pos++;
    if (array) {
      if (this.code(this.pos) !== RBRACKET) fail('expected `]]` after the table name', this.pos);
      this.pos++;
    }
    headerSpan.end = keyEnd + (array ? 2 : 1) + this.off;
    const table = array ? this.appendTable(entries, name, keyStart, keyEnd, headerSpan) : this.defineTable(entries, name, keyStart, keyEnd, headerSpan);
    this.closeOpen();
    this.open = table;
    this.openStart = start;
    this.openEnd = this.pos;
    return table.entries;
  }

  /** a non-last part of a header: walks into (or implicitly creates) a table */
  headerParent(entries: Entries, name: string, keyStart: number, keyEnd: number, headerSpan: Span): Entries {
    const existing = entries.get(name);
    if (!existing) {
      const table: MutTable = { kind: 'table', span: headerSpan, inline: false, entries: new Map() };
      this.states.set(table, IMPLICIT);
      entries.set(name, { key: name, keySpan: this.span(keyStart, keyEnd), entrySpan: headerSpan, node: table });
      return table.entries;
    }
    const node = existing.node;
    if (node.kind === 'table' && !node.inline) return (node as MutTable).entries;
    if (node.kind === 'array' && this.states.get(node) === ARRAY_OF_TABLES) {
      const last = node.items[node.items.length - 1] as MutTable;
      return last.entries;
    }
    return fail(`key \`${name}\` is not a table`, keyStart);
  }

  /** the last part of `[a.b]` */
  defineTable(entries: Entries, name: string, keyStart: number, keyEnd: number, headerSpan: Span): MutTable {
    const existing = entries.get(name);
    if (!existing) {
      const table: MutTable = { kind: 'table', span: headerSpan, headerSpan, inline: false, entries: new Map() };
      entries.set(name, { key: name, keySpan: this.span(keyStart, keyEnd), entrySpan: headerSpan, node: table });
      return table;
    }
    const node = existing.node;
    if (node.kind === 'table' && this.states.get(node) === IMPLICIT) {
      this.states.delete(node);
      const table = node as MutTable;
      table.headerSpan = headerSpan;
      return table;
    }
    return fail(node.kind === 'table' ? `table \`${name}\` is defined twice` : `key \`${name}\` is defined twice`, keyStart);
  }

  /** the last part of `[[a.b]]` */
  appendTable(entries: Entries, name: string, keyStart: number, keyEnd: number, headerSpan: Span): MutTable {
    const table: MutTable = { kind: 'table', span: headerSpan, headerSpan, inline: false, entries: new Map() };
    const existing = entries.get(name);
    if (!existing) {
      const array: MutArray = { kind: 'array', span: headerSpan, items: [table] };
      this.states.set(array, ARRAY_OF_TABLES);
      entries.set(name, { key: name, keySpan: this.span(keyStart, keyEnd), entrySpan: headerSpan, node: array });
    } else if (existing.node.kind === 'array' && this.states.get(existing.node) === ARRAY_OF_TABLES) {
      (existing.node as MutArray).items.push(table);
    } else {
      fail(`key \`${name}\` is defined twice`, keyStart);
    }
    return table;
  }

  /** `a.b.c = value`, added to `entries`; leaves pos just after the value */
  keyValue(entries: Entries, depth: number): void {
    const start = this.pos;
    let keyStart = start;
    let name = this.keyPart();
    let keyEnd = this.pos;
    this.skipSpaces();
    let dottedSpan: MutSpan | undefined;
    while (this.code(this.pos) === DOT) {
      this.pos++;
      this.skipSpaces();
      dottedSpan ??= { file: this.file, start: start + this.off, end: 0 };
      entries = this.dottedParent(entries, name, keyStart, keyEnd, dottedSpan);
      keyStart = this.pos;
      name = this.keyPart();
      keyEnd = this.pos;
      this.skipSpaces();
    }
    if (this.code(this.pos) !== EQUALS) fail('expected `=` after the key', this.pos);
    this.pos++;
    this.skipSpaces();
    if (entries.has(name)) fail(`key \`${name}\` is defined twice`, keyStart);
    const node = this.value(depth);
    let entrySpan: Span;
    if (dottedSpan) {
      dottedSpan.end = this.pos + this.off;
      entrySpan = dottedSpan;
    } else {
      entrySpan = this.span(start, this.pos);
    }
    entries.set(name, { key: name, keySpan: this.span(keyStart, keyEnd), entrySpan, node });
  }

  /** a non-last part of a dotted key: walks into (or creates) a table dotted keys may extend */
  dottedParent(entries: Entries, name: string, keyStart: number, keyEnd: number, entrySpan: Span): Entries {
    const existing = entries.get(name);
    if (!existing) {
      const table: MutTable = { kind: 'table', span: entrySpan, inline: false, entries: new Map() };
      this.states.set(table, DOTTED);
      entries.set(name, { key: name, keySpan: this.span(keyStart, keyEnd), entrySpan, node: table });
      return table.entries;
    }
    const node = existing.node;
    const state = this.states.get(node);
    if (node.kind === 'table' && (state === DOTTED || state === IMPLICIT)) {
      if (state === IMPLICIT) this.states.set(node, DOTTED);
      return (node as MutTable).entries;
    }
    if (node.kind === 'table' && !node.inline) return fail(`table \`${name}\` is already defined by a header`, keyStart);
    return fail(`key \`${name}\` is defined twice`, keyStart);
  }

  /** one bare or quoted key part; leaves pos after it */
  keyPart(): string {
    const start = this.pos;
    const c = this.code(start);
    if (c === QUOTE || c === APOS) {
      if (this.code(start + 1) === c && this.code(start + 2) === c) fail('a key cannot be a multi-line string', start);
      return this.string(c);
    }
    let i = start;
    while (is(this.code(i), BARE)) i++;
    if (i === start) fail(this.atLineEnd(start) ? 'expected a key' : `invalid character ${this.describe(start)} in a key`, start);
    this.pos = i;
    return this.text.slice(start, i);
  }

  // ── values ───────────────────────────────────────────────────────────────────────────────

  value(depth: number): TomlNode {
    const start = this.pos;
    const c = this.code(start);
    switch (c) {
      case QUOTE:
      case APOS: {
        const multi = this.code(start + 1) === c && this.code(start + 2) === c;
        return this.scalar('string', start, multi ? this.multiLineString(c) : this.string(c));
      }
      case LBRACKET:
        return this.array(depth + 1);
      case LBRACE:
        return this.inlineTable(depth + 1);
      case 116: // t
        return this.keyword('true', 'boolean', true);
      case 102: // f
        return this.keyword('false', 'boolean', false);
      case 105: // i
        return this.keyword('inf', 'float', Infinity);
      case 110: // n
        return this.keyword('nan', 'float', NaN);
      default:
        if (c === PLUS || c === MINUS || is(c, DEC)) return this.numberOrDate();
        return fail(this.atLineEnd(start) ? 'expected a value' : `invalid character ${this.describe(start)} at the start of a value`, start);
    }
  }

  scalar(kind: TomlScalar['kind'], start: number, value: TomlScalar['value']): TomlScalar {
    return { kind, span: this.span(start, this.pos), value };
  }

  keyword(word: string, kind: 'boolean' | 'float', value: boolean | number): TomlScalar {
    const start = this.pos;
    if (!this.text.startsWith(word, start)) fail(`invalid value ${this.describe(start)}`, start);
    this.pos += word.length;
    return this.scalar(kind, start, value);
  }

  array(depth: number): TomlNode {
    const start = this.pos++;
    if (depth > MAX_DEPTH) fail(`nesting is deeper than ${MAX_DEPTH} levels`, start);
    const items: TomlNode[] = [];
    for (;;) {
      this.skipBlank();
      if (this.code(this.pos) === RBRACKET) break;
      items.push(this.value(depth));
      this.skipBlank();
      const c = this.code(this.pos);
      if (c === COMMA) this.pos++;
      else if (c === RBRACKET) break;
      else fail(this.pos >= this.len ? 'unterminated array' : 'expected `,` or `]` after an array item', this.pos);
    }
    this.pos++;
    return { kind: 'array', span: this.span(start, this.pos), items };
  }

  /** `{ … }`; newlines, comments and a trailing comma are TOML 1.1 (`ws-comment-newline` in toml.abnf@1.1.0) */
  inlineTable(depth: number): TomlNode {
    const start = this.pos++;
    if (depth > MAX_DEPTH) fail(`nesting is deeper than ${MAX_DEPTH} levels`, start);
    const entries: Entries = new Map();
    this.inlineBlank();
    if (this.code(this.pos) !== RBRACE) {
      for (;;) {
        if (this.code(this.pos) === COMMA) fail('expected a key', this.pos);
        this.keyValue(entries, depth);
        this.inlineBlank();
        const c = this.code(this.pos);
        if (c === RBRACE) break;
        if (c !== COMMA) fail(this.pos >= this.len ? 'unterminated inline table' : 'expected `,` or `}` in the inline table', this.pos);
        const comma = this.pos++;
        this.inlineBlank();
        if (this.code(this.pos) === RBRACE) {
          this.uses11('inline-table-trailing-comma', comma, comma + 1);
          break;
        }
      }
    }
    this.pos++;
    const table: MutTable = { kind: 'table', span: this.span(start, this.pos), inline: true, entries };
    return table;
  }

  /** whitespace, newlines and comments inside an inline table, each newline and comment recorded as TOML 1.1 */
  inlineBlank(): void {
    for (;;) {
      this.skipSpaces();
      const c = this.code(this.pos);
      if (c === HASH) {
        const at = this.pos;
        this.comment();
        this.uses11('inline-table-comment', at, this.pos);
      } else if (c === LF || c === CR) {
        const at = this.pos;
        this.pos += this.newlineLength(at);
        this.uses11('inline-table-newline', at, this.pos);
      } else return;
    }
  }

  // ── strings ──────────────────────────────────────────────────────────────────────────────

  /** `"…"` or `'…'` (quote is the opening char's code, at pos) */
  string(quote: number): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let run = i;
    let out = '';
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === quote) break;
      if (c === BACKSLASH && quote === QUOTE) {
        out += text.slice(run, i);
        i = this.escape(i);
        out += this.escaped;
        run = i;
        continue;
      }
      if ((c < SPACE && c !== TAB) || c === DEL || i >= this.len) {
        if (c === LF || c === CR || i >= this.len) fail('unterminated string', start);
        fail('control characters must be escaped in strings', i);
      }
      i++;
    }
    this.pos = i + 1;
    return run === start + 1 ? text.slice(run, i) : out + text.slice(run, i);
  }

  /** `"""…"""` or `'''…'''`: CRLF reads as LF, and a newline right after the opening quotes is dropped */
  multiLineString(quote: number): string {
    const text = this.text;
    const start = this.pos;
    let i = this.skipFirstNewline(start + 3);
    let run = i;
    let out = '';
    for (;;) {
      if (i >= this.len) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === quote) {
        const end = this.closingQuotes(i, quote);
        if (end < 0) {
          i++;
          continue;
        }
        this.pos = end;
        return out + text.slice(run, end - 3);
      }
      if (c === BACKSLASH && quote === QUOTE) {
        out += text.slice(run, i);
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === TAB || next === LF || next === CR) i = this.lineEndingBackslash(i);
        else {
          i = this.escape(i);
          out += this.escaped;
        }
        run = i;
        continue;
      }
      if (c === CR) {
        if (text.charCodeAt(i + 1) !== LF) fail('carriage return without a line feed', i);
        out += text.slice(run, i) + '\n';
        i += 2;
        run = i;
        continue;
      }
      if ((c < SPACE && c !== TAB && c !== LF) || c === DEL) fail('control characters must be escaped in strings', i);
      i++;
    }
  }

  skipFirstNewline(i: number): number {
    const c = this.code(i);
    if (c === LF) return i + 1;
    if (c === CR) return this.code(i + 1) === LF ? i + 2 : fail('carriage return without a line feed', i);
    return i;
  }

  /**
   * At a quote inside a multi-line string: -1 when fewer than three quotes follow, else the end of
   * the closing delimiter (up to two quotes before it belong to the content).
   */
  closingQuotes(i: number, quote: number): number {
    let n = 1;
    while (this.code(i + n) === quote) n++;
    if (n < 3) return -1;
    if (n > 5) fail('too many quotes in a row in a multi-line string', i);
    return i + n;
  }

  /** `\` then spaces up to the end of the line: skips all whitespace and newlines after it */
  lineEndingBackslash(i: number): number {
    const text = this.text;
    let j = i + 1;
    while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) j++;
    if (this.newlineLength(j) === 0) fail('invalid escape sequence', i);
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === SPACE || c === TAB) j++;
      else if (c === LF || c === CR) j += this.newlineLength(j);
      else return j;
    }
  }

  /** decodes the escape at `i` (a backslash) into this.escaped; returns the index after it */
  escape(i: number): number {
    const c = this.code(i + 1);
    let s: string;
    switch (c) {
      case 98: s = '\b'; break; // b
      case 116: s = '\t'; break; // t
      case 110: s = '\n'; break; // n
      case 102: s = '\f'; break; // f
      case 114: s = '\r'; break; // r
      case QUOTE: s = '"'; break;
      case BACKSLASH: s = '\\'; break;
      case 117: // u
        this.escaped = this.unicodeEscape(i, 4);
        return i + 6;
      case 85: // U
        this.escaped = this.unicodeEscape(i, 8);
        return i + 10;
      case 101: // e (TOML 1.1)
        this.uses11('escape-e', i, i + 2);
        s = '\u001b';
        break;
      case 120: // x (TOML 1.1): two hex digits, a code point up to 0xFF
        this.escaped = this.unicodeEscape(i, 2);
        this.uses11('escape-x', i, i + 4);
        return i + 4;
      default:
        return fail('invalid escape sequence', i);
    }
    this.escaped = s;
    return i + 2;
  }

  unicodeEscape(i: number, digits: number): string {
    let cp = 0;
    for (let k = i + 2; k < i + 2 + digits; k++) {
      const c = this.code(k);
      if (!is(c, HEX)) fail('invalid escape sequence', i);
      cp = cp * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fail('escape is not a unicode scalar value', i);
    return String.fromCodePoint(cp);
  }

  // ── numbers and date-times ───────────────────────────────────────────────────────────────

  numberOrDate(): TomlScalar {
    const text = this.text;
    const start = this.pos;
    let i = start;
    let c = text.charCodeAt(i);
    const signed = c === PLUS || c === MINUS;
    if (signed) {
      c = text.charCodeAt(++i);
      if (c === 105 || c === 110) {
        // +inf, -inf, +nan, -nan
        if (!text.startsWith(c === 105 ? 'inf' : 'nan', i)) fail(`invalid value ${this.describe(start)}`, start);
        this.pos = i + 3;
        return this.scalar('float', start, c === 110 ? NaN : text.charCodeAt(start) === MINUS ? -Infinity : Infinity);
      }
      if (!is(c, DEC)) fail('expected a digit after the sign', i);
    } else if (is(text.charCodeAt(i + 1), DEC)) {
      const c2 = text.charCodeAt(i + 2);
      if (c2 === COLON) return this.dateTime(start, false);
      if (is(c2, DEC) && is(text.charCodeAt(i + 3), DEC) && text.charCodeAt(i + 4) === MINUS) return this.dateTime(start, true);
    }
    if (c === ZERO) {
      const next = text.charCodeAt(i + 1);
      if (next === 120 || next === 111 || next === 98) return signed ? fail('a hexadecimal, octal or binary integer cannot have a sign', start) : this.radixInteger(i, next);
      if (is(next, DEC) || next === UNDERSCORE) fail('leading zeros are not allowed', i);
    }
    this.underscore = false;
    i = this.digits(i, DEC);
    let float = false;
    if (text.charCodeAt(i) === DOT) {
      float = true;
      i = this.digits(i + 1, DEC);
    }
    c = text.charCodeAt(i);
    if (c === 101 || c === 69) {
      // e, E
      float = true;
      c = text.charCodeAt(++i);
      if (c === PLUS || c === MINUS) i++;
      i = this.digits(i, DEC);
    }
    this.pos = i;
    let literal = text.slice(start, i);
    if (this.underscore) literal = literal.replaceAll('_', '');
    if (float) return this.scalar('float', start, Number(literal));
    const digits = signed ? literal.slice(1) : literal;
    const negative = text.charCodeAt(start) === MINUS;
    if (digits.length >= 19 && outOfRange(digits, negative ? I64_MIN_ABS : (I64_MAX[10] ?? ''))) fail('integer is out of the 64-bit range', start);
    return this.scalar('integer', start, exactInteger(literal, 10));
  }

  /** `0x…`, `0o…`, `0b…`: i at the `0`, prefix is the letter's code */
  radixInteger(i: number, prefix: number): TomlScalar {
    const start = i;
    const [cls, radix] = prefix === 120 ? [HEX, 16] : prefix === 111 ? [OCT, 8] : [BIN, 2];
    this.underscore = false;
    const end = this.digits(i + 2, cls);
    this.pos = end;
    let digits = this.text.slice(i + 2, end);
    if (this.underscore) digits = digits.replaceAll('_', '');
    let zeros = 0;
    while (digits.charCodeAt(zeros) === ZERO) zeros++;
    const significant = digits.slice(zeros);
    const max = I64_MAX[radix] ?? '';
    if (significant.length >= max.length && outOfRange(significant.toLowerCase(), max)) fail('integer is out of the 64-bit range', start);
    return this.scalar('integer', start, exactInteger(digits, radix));
  }

  /** one or more digits of class `cls`, single underscores allowed between them; returns the end */
  digits(i: number, cls: number): number {
    const text = this.text;
    if (!is(text.charCodeAt(i), cls)) fail(text.charCodeAt(i) === UNDERSCORE ? 'underscores must be between digits' : 'expected a digit', i);
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (is(c, cls)) i++;
      else if (c === UNDERSCORE) {
        if (!is(text.charCodeAt(i + 1), cls)) fail('underscores must be between digits', i);
        this.underscore = true;
        i += 2;
      } else return i;
    }
  }

  /** `1979-05-27`, `07:32:00`, `1979-05-27T07:32:00.999-07:00` and the other RFC 3339 forms */
  dateTime(start: number, hasDate: boolean): TomlScalar {
    const text = this.text;
    let i = start;
    if (hasDate) {
      const year = this.twoDigits(i, 'date') * 100 + this.twoDigits(i + 2, 'date');
      const month = this.twoDigits(i + 5, 'date');
      if (text.charCodeAt(i + 7) !== MINUS) fail('invalid date', i + 7);
      const day = this.twoDigits(i + 8, 'date');
      if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) fail('invalid date', start);
      i += 10;
      const c = text.charCodeAt(i);
      const timeFollows = c === 84 || c === 116 || (c === SPACE && is(text.charCodeAt(i + 1), DEC) && is(text.charCodeAt(i + 2), DEC));
      if (!timeFollows) {
        this.pos = i;
        return this.scalar('datetime', start, text.slice(start, i));
      }
      i++;
    }
    const hour = this.twoDigits(i, 'time');
    if (text.charCodeAt(i + 2) !== COLON) fail('invalid time', i + 2);
    const minute = this.twoDigits(i + 3, 'time');
    // TOML 1.1: seconds may be left out (`:00` is assumed), and then there is no fraction either.
    const withSeconds = text.charCodeAt(i + 5) === COLON;
    const second = withSeconds ? this.twoDigits(i + 6, 'time') : 0;
    if (hour > 23 || minute > 59 || second > 60) fail('invalid time', i);
    if (!withSeconds) this.uses11('time-without-seconds', i, i + 5);
    i += withSeconds ? 8 : 5;
    if (withSeconds && text.charCodeAt(i) === DOT) {
      const fracStart = i + 1;
      i = fracStart;
      while (is(text.charCodeAt(i), DEC)) i++;
      if (i === fracStart) fail('expected digits after the decimal point', i);
    }
    if (hasDate) {
      const c = text.charCodeAt(i);
      if (c === 90 || c === 122) {
        // Z, z
        i++;
      } else if (c === PLUS || c === MINUS) {
        const offsetHour = this.twoDigits(i + 1, 'time offset');
        if (text.charCodeAt(i + 3) !== COLON) fail('invalid time offset', i + 3);
        const offsetMinute = this.twoDigits(i + 4, 'time offset');
        if (offsetHour > 23 || offsetMinute > 59) fail('invalid time offset', i);
        i += 6;
      }
    }
    this.pos = i;
    return this.scalar('datetime', start, text.slice(start, i));
  }

  twoDigits(i: number, what: string): number {
    const a = this.code(i);
    const b = this.code(i + 1);
    if (!is(a, DEC) || !is(b, DEC)) fail(`invalid ${what}`, is(a, DEC) ? i + 1 : i);
    return (a - ZERO) * 10 + (b - ZERO);
  }

  // ── whitespace, comments, newlines ───────────────────────────────────────────────────────

  skipSpaces(): void {
    let c = this.code(this.pos);
    while (c === SPACE || c === TAB) c = this.code(++this.pos);
  }

  /** whitespace, newlines and comments */
  skipBlank(): void {
    for (;;) {
      const c = this.code(this.pos);
      if (c === SPACE || c === TAB || c === LF) this.pos++;
      else if (c === CR) this.pos += this.newlineLength(this.pos);
      else if (c === HASH) this.comment();
      else return;
    }
  }

  /** after a key-value or header: spaces, an optional comment, then a newline or the end */
  lineEnd(what: string): void {
    this.skipSpaces();
    if (this.code(this.pos) === HASH) this.comment();
    if (this.pos < this.len && this.newlineLength(this.pos) === 0) fail(`expected a newline after ${what}`, this.pos);
  }

  comment(): void {
    const text = this.text;
    let i = this.pos + 1;
    for (; i < this.len; i++) {
      const c = text.charCodeAt(i);
      if ((c < SPACE && c !== TAB) || c === DEL) {
        if (c === LF) break;
        if (c === CR && text.charCodeAt(i + 1) === LF) break;
        fail(c === CR ? 'carriage return without a line feed' : 'control characters are not allowed in comments', i);
      }
    }
    this.pos = i;
  }

  /** 1 for LF, 2 for CRLF, 0 for anything else; a lone CR is an error */
  newlineLength(i: number): number {
    const c = this.code(i);
    if (c === LF) return 1;
    if (c !== CR) return 0;
    return this.code(i + 1) === LF ? 2 : fail('carriage return without a line feed', i);
  }

  atLineEnd(i: number): boolean {
    const c = this.code(i);
    return i >= this.len || c === LF || c === CR || c === HASH;
  }

  describe(i: number): string {
    const cp = this.text.codePointAt(i) ?? 0;
    return cp > SPACE && cp < DEL ? `\`${String.fromCodePoint(cp)}\`` : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

/** An integer literal (sign allowed in base 10, no underscores): a number when exact, else a bigint. */
function exactInteger(literal: string, radix: number): number | bigint {
  const n = parseInt(literal, radix) || 0;
  if (Number.isSafeInteger(n)) return n;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  const negative = literal.startsWith('-');
  const digits = literal.replace(/^[+-]/, '');
  const big = BigInt(prefix + digits);
  return negative ? -big : big;
}

/** whether digit string `digits` (no leading zeros, lowercase) exceeds `max` */
function outOfRange(digits: string, max: string): boolean {
  return digits.length > max.length || (digits.length === max.length && digits > max);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
