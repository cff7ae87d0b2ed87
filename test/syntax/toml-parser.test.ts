/**
 * The hand-written TOML parser (src/project/toml-parser.ts) against the toml-eslint-parser adapter
 * (test/helpers/toml-reference.ts, the previous adapter): the same tree for every valid document, a rejection for every
 * invalid one, and no exception or stack overflow on deep nesting.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FileId } from '../../src/diagnostic/types.ts';
import { parseTomlTree } from '../../src/syntax/toml/parser.ts';
import { stripBom, type TomlParse } from '../../src/syntax/toml/toml.ts';
import { parseTomlReference } from '../helpers/toml-reference.ts';

const FILE = 7 as FileId;
const CORPUS = [join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'), '/work/shared/corpus'].find((d) => existsSync(d));
const MANIFESTS = new Set(['Cargo.toml', 'Cargo.lock', 'Trunk.toml', 'rust-toolchain.toml']);

function reference(text: string): TomlParse {
  return parseTomlReference({ id: FILE, path: 'x.toml', absPath: '/x.toml', text });
}

function ours(text: string): TomlParse {
  const { text: body, shift } = stripBom(text);
  return parseTomlTree(body, FILE, shift);
}

/** Same tree when the reference accepts, a rejection when it rejects; returns a note on offset mismatches. */
function expectSameResult(text: string): string | undefined {
  const ref = reference(text);
  const got = ours(text);
  if (ref.ok) {
    expect(got).toEqual(ref);
    return undefined;
  }
  expect(got.ok, `reference rejects (${ref.error.message} at ${ref.error.offset}), parseTomlTree must too`).toBe(false);
  if (!got.ok && got.error.offset !== ref.error.offset) return `offset ${got.error.offset} (${got.error.message}) vs reference ${ref.error.offset} (${ref.error.message})`;
  return undefined;
}

function manifestsUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (MANIFESTS.has(e.name) || (e.name === 'config.toml' && d.endsWith('.cargo'))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

describe.skipIf(CORPUS === undefined)('corpus manifests parse to the reference tree', () => {
  const root = CORPUS ?? '';
  const projects = CORPUS ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  test.each(projects)('%s', (project) => {
    const files = manifestsUnder(join(root, project));
    const notes: string[] = [];
    for (const file of files) {
      const note = expectSameResult(readFileSync(file, 'utf8'));
      if (note) notes.push(`${relative(root, file)}: ${note}`);
    }
    if (notes.length > 0) console.info(`error offsets that differ from the reference (not a failure):\n${notes.join('\n')}`);
  });
});

const VALID: Record<string, string> = {
  'empty document': '',
  'comments and blank lines only': '# a comment\n\n   \t# another\n',
  'no newline at the end': 'a = "x"',
  'bare keys': 'a = 1\nA-b_9 = 2\n1234 = 3\n- = 4\ntrue = 5\ninf = 6\n',
  'quoted keys with escapes': '"a b" = 1\n"\\u00e9\\n\\"" = 2\n\'lit\\n\' = 3\n"" = 4\n\'e\'.x = 5\n',
  'dotted keys make implicit tables': 'a.b.c = 1\na.b.d = 2\na . "x y" . z = 3\n1.2 = "float-looking key"\n',
  'dotted keys inside a header table': '[t]\na.b = 1\na.c = 2\nd = { e.f = 1, e.g = 2 }\n',
  'table headers': '[a]\nx = 1\n[b.c]\ny = 2\n[ d . "e f" . \'g\' ]\nz = 3\n',
  'a super table defined after its sub table': '[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3\n',
  'dotted keys through a table only a header implied': '[a.b.c]\nz = 9\n[a]\nb.x = 1\n',
  'a header sub table of a dotted table': '[fruit]\napple.color = "red"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n',
  'root dotted keys, then a sub table header': 'fruit.apple.color = 1\n[fruit.apple.texture]\nsmooth = true\n',
  'arrays of tables': '[[p]]\nname = "a"\n[p.sub]\nx = 1\n[[p.list]]\ny = 1\n[[p.list]]\ny = 2\n[[p]]\nname = "b"\n[p.sub]\nx = 2\n[[p.list]]\n',
  'empty header tables': '[a]\n[b]\n[[c]]\n[[c]]\n[d] # comment\n',
  'headers with inner spaces': '[ a ]\nk = 1\n[[ b ]]\n[[ b ]]\nk = 2\n[  c.d  ]  # c\n',
  'implicit table from [[x.y]] defined later': '[[x.y]]\n[x]\nk = 1\n',
  'basic strings': 's = "tab\\t nl\\n cr\\r q\\" bs\\\\ b\\b f\\f u\\u00E9 U\\U0001F600 \u00fc\u{1F600}"\nt = ""\n',
  'literal strings': "s = 'C:\\\\path\\\\ \"q\" \\u00e9'\nt = ''\n",
  'multi-line basic strings': 's = """\nfirst \\\n   second \\  \n\n  third"""\nt = """""a"""""\nu = """x""""\nv = """"""\nw = """\\"""\\""""\n',
  'multi-line literal strings': "s = '''\nraw \\n text\n'''\nt = ''''quoted'''''\nu = ''''''\n",
  integers: 'a = 99\nb = +17\nc = -17\nd = 0\ne = +0\nf = -0\ng = 1_000_000\nh = 0xDEAD_beef\ni = 0o755\nj = 0b1101_0101\nk = 9223372036854775807\nl = -9223372036854775808\nm = 0x7fffffffffffffff\nn = 0x0000000000000000001\n',
  floats: 'a = 1.0\nb = -3.1415\nc = 5e+22\nd = 1e06\ne = -2E-2\nf = 6.626e-34\ng = 224_617.445_991\nh = -0.0\ni = +0.0\nj = inf\nk = +inf\nl = -inf\nm = nan\nn = +nan\no = -nan\np = 0e0\nq = 1e1_0\n',
  booleans: 't = true\nf = false\narr = [true, false]\n',
  'date-times': [
    'odt1 = 1979-05-27T07:32:00Z',
    'odt2 = 1979-05-27T00:32:00-07:00',
    'odt3 = 1979-05-27T00:32:00.999999+07:00',
    'odt4 = 1979-05-27 07:32:00z',
    'ldt1 = 1979-05-27T07:32:00',
    'ldt2 = 1979-05-27t00:32:00.999',
    'ld = 1979-05-27',
    'ld2 = 1979-05-27 # a date, then a comment',
    'lt1 = 07:32:00',
    'lt2 = 00:32:00.999999',
    'leap = 2024-02-29',
    'leap400 = 2000-02-29',
    'sec60 = 1990-12-31T23:59:60Z',
    'arr = [1979-05-27, 07:32:00, 1979-05-27 07:32:00]',
  ].join('\n'),
  arrays: 'a = []\nb = [ 1, 2, 3, ]\nc = [\n  "x", # comment\n  [1.5, "mixed"],\n  { k = 1 },\n\n]\nd = [[[]]]\ne = [ # c\n]\n',
  'inline tables': 'a = {}\nb = { x = 1, y.z = "s", "q k" = [1, {n = 2}] }\nc = { d = { e = { f = true } } }\nd = {a=[\n1,\n2]}\n',
  'CRLF line endings': 'a = 1\r\n[t]\r\nb = """\r\nx\r\ny \\\r\n  z"""\r\nc = \'\'\'\r\nl\r\n\'\'\'\r\n# c\r\nd = [\r\n1,\r\n]\r\n',
  'a byte order mark': '\uFEFFa = 1\n[t]\nb = "x"\n',
  'non-ASCII in strings, quoted keys and comments': '"é" = "ü😀" # ☃\n',
  'comments after values and headers': 'a = 1 # x\n[b] # y\nc = [1] # z\n[[d]]# w\n',
  'spacing around equals': 'a=1\nb\t=\t2\n  c   =   3\n',
  'a realistic manifest': [
    '[package]',
    'name = "demo"',
    'version = "0.1.0"',
    'edition = "2021"',
    '',
    '[lib]',
    'crate-type = ["cdylib", "rlib"]',
    '',
    '[dependencies]',
    'wasm-bindgen = "0.2"',
    'web-sys = { version = "0.3", features = ["Window", "Document"] }',
    'serde.workspace = true',
    '',
    '[target.\'cfg(target_arch = "wasm32")\'.dependencies]',
    'getrandom = { version = "0.2", features = ["js"] }',
    '',
    '[profile.release]',
    'opt-level = "z"',
    'lto = true',
    '',
  ].join('\n'),
};

describe('valid documents parse to the reference tree', () => {
  test.each(Object.entries(VALID))('%s', (_name, text) => {
    expect(reference(text).ok).toBe(true);
    expectSameResult(text);
  });
});

const INVALID: Record<string, string> = {
  'duplicate key': 'a = 1\na = 2\n',
  'duplicate quoted key': 'a = 1\n"a" = 2\n',
  'duplicate key in an inline table': 'a = { b = 1, b = 2 }\n',
  'table defined twice': '[a]\n[a]\n',
  'table defined twice, second time implicitly first': '[a.b]\n[a]\n[a]\n',
  'header for a table dotted keys defined': 'a.b = 1\n[a]\n',
  'header for a nested dotted table': '[a]\nb.c = 1\n[a.b]\n',
  'header for a dotted table under a dotted table': '[fruit]\napple.taste.sweet = true\n[fruit.apple.taste]\n',
  'dotted keys into a header table': '[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n',
  'header after dotted keys went through an implicit table': '[a.b.c]\n[a]\nb.x = 1\n[a.b]\n',
  'key over an implicit table': '[a.b]\n[a]\nb = 1\n',
  'key then sub table': '[a]\nb = 1\n[a.b]\n',
  'value then dotted key': 'a = 1\na.b = 2\n',
  'appending to a static array': 'a = []\n[[a]]\n',
  'array of tables then table': '[[a]]\n[a]\n',
  'table then array of tables': '[a]\n[[a]]\n',
  'dotted keys into an array of tables': '[[x.a]]\n[x]\na.b = 1\n',
  'extending an inline table with a dotted key': 'a = {}\na.b = 1\n',
  'extending an inline table with a header': 'a = { b = 1 }\n[a.c]\n',
  'redefining a key inside an inline table': 'a = { b = { c = 1 }, b.d = 2 }\n',
  'empty element in an inline table': 'a = { , }\n',
  'comma before the first key of an inline table': 'a = {\n , b = 1 }\n',
  'two trailing commas in an inline table': 'a = { b = 1,, }\n',
  'newline between a key and its value in an inline table': 'a = { b =\n 1 }\n',
  'short \\x escape': 'a = "\\x4"\n',
  'uppercase \\X escape': 'a = "\\X41"\n',
  'fraction without seconds': 'a = 07:32.5\n',
  'minute 60 without seconds': 'a = 07:60\n',
  'invalid escape': 'a = "\\q"\n',
  'short unicode escape': 'a = "\\u12"\n',
  'surrogate escape': 'a = "\\uD800"\n',
  'escape beyond unicode': 'a = "\\U00110000"\n',
  'control character in a string': 'a = "x\u0001"\n',
  'DEL in a literal string': "a = 'x\u007f'\n",
  'control character in a multi-line string': 'a = """x\u0000"""\n',
  'control character in a comment': '# x\u0002\n',
  'newline in a basic string': 'a = "x\ny"\n',
  'newline in a literal string': "a = 'x\ny'\n",
  'unterminated basic string': 'a = "x\n',
  'unterminated multi-line string': 'a = """x\n',
  'unterminated multi-line literal': "a = '''x\n",
  'six quotes closing a multi-line string': 'a = """x""""""\n',
  'backslash then text on the line': 'a = """x\\  y\n"""\n',
  'leading zero': 'a = 01\n',
  'signed leading zero': 'a = -01\n',
  'leading zero float': 'a = 00.5\n',
  'double underscore': 'a = 1__0\n',
  'leading underscore': 'a = _1\n',
  'trailing underscore': 'a = 1_\n',
  'underscore after prefix': 'a = 0x_1\n',
  'sign on a hex integer': 'a = +0x1\n',
  'uppercase radix prefix': 'a = 0X1\n',
  'bad octal digit': 'a = 0o8\n',
  'dot without fraction': 'a = 1.\n',
  'fraction without integer': 'a = .5\n',
  'exponent without digits': 'a = 1e\n',
  'float with two dots': 'a = 1.2.3\n',
  'infinity spelled out': 'a = infinity\n',
  'capitalized boolean': 'a = True\n',
  'February 30th': 'a = 1979-02-30\n',
  'February 29th of a non-leap year': 'a = 2023-02-29\n',
  'February 29th of 1900': 'a = 1900-02-29\n',
  'month 13': 'a = 1979-13-01\n',
  'hour 24': 'a = 24:00:00\n',
  'offset hour 25': 'a = 1979-05-27T07:32:00+25:00\n',
  'date then T without time': 'a = 1979-05-27T\n',
  'fraction without digits in a time': 'a = 07:32:00.\n',
  'bare key with a space': 'a b = 1\n',
  'bare key with a non-ASCII letter': 'é = 1\n',
  'bare key with punctuation': 'a! = 1\n',
  'missing value': 'a =\n',
  'missing value before a comment': 'a = # c\n',
  'value on the next line': 'a =\n1\n',
  'missing equals': 'a\n',
  'missing key': '= 1\n',
  'multi-line string as a key': '"""a""" = 1\n',
  'unterminated header': '[a\n',
  'empty header': '[]\n',
  'header with a trailing dot': '[a.]\n',
  'header with a leading dot': '[.a]\n',
  'consecutive dots in a key': 'a..b = 1\n',
  'unterminated array-of-tables header': '[[a]\n',
  'space inside [[': '[ [a]]\n',
  'space inside ]]': '[[a] ]\n',
  'two key-values on a line': 'a = 1 b = 2\n',
  'key-value after a header on the same line': '[a] b = 1\n',
  'text after a value': 'a = truex\n',
  'missing comma in an array': 'a = [1 2]\n',
  'double comma in an array': 'a = [1,,2]\n',
  'leading comma in an array': 'a = [,1]\n',
  'unterminated array': 'a = [1,\n',
  'unterminated inline table': 'a = { b = 1\n',
  'bare word as a value': 'a = b\n',
  'stray closing bracket': ']\n',
  'byte order mark after the start': 'a = \uFEFF1\n',
  'form feed as whitespace': 'a =\f1\n',
};

describe('invalid documents are rejected by both parsers', () => {
  test.each(Object.entries(INVALID))('%s', (_name, text) => {
    expect(reference(text).ok).toBe(false);
    const got = ours(text);
    expect(got.ok).toBe(false);
    if (!got.ok) {
      expect(got.error.message).toMatch(/^[^A-Z].*[^.]$/);
      expect(got.error.offset).toBeGreaterThanOrEqual(0);
      expect(got.error.offset).toBeLessThanOrEqual(text.length);
    }
  });
});

/** TOML 1.0 rejects these; toml-eslint-parser 1.0.3 accepts them (see toml-parser.ts). */
const INVALID_ONLY_HERE: Record<string, string> = {
  'a carriage return without a line feed': 'a = 1\rb = 2\n',
  'a lone carriage return in a multi-line string': 'a = """x\ry"""\n',
  'an integer above the 64-bit range': 'a = 9223372036854775808\n',
  'an integer below the 64-bit range': 'a = -9223372036854775809\n',
  'a hexadecimal integer above the 64-bit range': 'a = 0x8000000000000000\n',
  'a date followed by one digit at the end of the input': 'a = 1979-05-27 2',
};

describe('invalid documents the reference accepts', () => {
  test.each(Object.entries(INVALID_ONLY_HERE))('%s', (_name, text) => {
    expect(ours(text).ok).toBe(false);
  });
});

/** TOML 1.1.0 syntax (toml-lang/toml:CHANGELOG.md@1.1.0): read, and each use recorded with its span. */
const TOML_11: [string, string, [string, string][], unknown][] = [
  ['newlines in an inline table', 'a = {\n  b = 1,\n  c = 2\n}\n', [['inline-table-newline', '\n'], ['inline-table-newline', '\n'], ['inline-table-newline', '\n']], { b: 1, c: 2 }],
  ['a trailing comma in an inline table', 'a = { b = 1, }\n', [['inline-table-trailing-comma', ',']], { b: 1 }],
  ['a comment in an inline table', 'a = { b = 1, # one\n c = 2 }\n', [['inline-table-comment', '# one'], ['inline-table-newline', '\n']], { b: 1, c: 2 }],
  ['CRLF in an inline table', 'a = {\r\n b = 1 }\r\n', [['inline-table-newline', '\r\n']], { b: 1 }],
  ['the \\e escape', 'a = "x\\ey"\n', [['escape-e', '\\e']], 'x\u001by'],
  ['the \\xHH escape', 'a = "\\x41\\xe9"\n', [['escape-x', '\\x41'], ['escape-x', '\\xe9']], 'Aé'],
  ['\\x in a multi-line string', 'a = """\\x41"""\n', [['escape-x', '\\x41']], 'A'],
  ['a local time without seconds', 'a = 07:32\n', [['time-without-seconds', '07:32']], '07:32'],
  ['a local date-time without seconds', 'a = 1979-05-27T07:32\n', [['time-without-seconds', '07:32']], '1979-05-27T07:32'],
  ['an offset date-time without seconds', 'a = 1979-05-27 07:32Z\n', [['time-without-seconds', '07:32']], '1979-05-27 07:32Z'],
];

describe('TOML 1.1', () => {
  test.each(TOML_11)('%s', (_name, text, uses, value) => {
    expect(reference(text).ok).toBe(false);
    const got = ours(text);
    if (!got.ok) throw new Error(got.error.message);
    expect(got.toml11?.map((u) => [u.construct, text.slice(u.span.start, u.span.end)])).toEqual(uses);
    const a = got.root.entries.get('a')?.node;
    if (a?.kind === 'table') expect(Object.fromEntries([...a.entries].map(([k, e]) => [k, e.node.kind === 'integer' ? e.node.value : undefined]))).toEqual(value);
    else expect(a?.kind === 'string' || a?.kind === 'datetime' ? a.value : undefined).toEqual(value);
  });

  test('a TOML 1.0 document records nothing', () => {
    const got = ours('a = { b = "\\u0041" }\nc = 07:32:00\n');
    expect(got.ok && got.toml11).toBeUndefined();
  });
});

describe('integers beyond 2^53 keep their exact value', () => {
  test.each([
    ['9007199254740993', 9007199254740993n],
    ['-9223372036854775808', -9223372036854775808n],
    ['9_223_372_036_854_775_807', 9223372036854775807n],
    ['0x7fff_ffff_ffff_ffff', 0x7fffffffffffffffn],
    ['0o777777777777777777777', 0o777777777777777777777n],
    ['9007199254740991', 9007199254740991],
  ])('%s', (literal, value) => {
    const got = ours(`a = ${literal}\n`);
    expect(got.ok && got.root.entries.get('a')?.node).toMatchObject({ kind: 'integer', value });
  });
});

describe('spans', () => {
  test('a value at the very end of the input ends at the end (the reference gives `0` an empty span)', () => {
    const got = ours('a = 0');
    expect(got.ok && got.root.entries.get('a')?.node.span).toEqual({ file: FILE, start: 4, end: 5 });
  });

  test('header, key, entry and table spans', () => {
    const text = '\uFEFFx.y = 1\n[a.b]\nc = "d"\n[a]\n[[t]]\n[[ t ]]\nk = 1\n';
    const got = ours(text);
    if (!got.ok) throw new Error(got.error.message);
    const at = (s: string, from = 0) => text.indexOf(s, from);
    const span = (start: number, end: number) => ({ file: FILE, start, end });
    expect(got.root.span).toEqual(span(0, text.length));
    const x = got.root.entries.get('x');
    expect(x?.keySpan).toEqual(span(1, 2));
    expect(x?.entrySpan).toEqual(span(1, at('\n')));
    expect(x?.node.span).toEqual(span(1, at('\n')));
    const a = got.root.entries.get('a');
    // `a` was created by `[a.b]` and keeps those spans; `[a]` gives it its headerSpan and span
    expect(a?.keySpan).toEqual(span(at('a.b'), at('a.b') + 1));
    expect(a?.entrySpan).toEqual(span(at('[a.b]'), at('[a.b]') + 5));
    expect(a?.node).toMatchObject({ kind: 'table', headerSpan: span(at('[a]'), at('[a]') + 3), span: span(at('[a]'), at('[a]') + 3) });
    const b = a?.node.kind === 'table' ? a.node.entries.get('b') : undefined;
    expect(b?.node).toMatchObject({ headerSpan: span(at('[a.b]'), at('[a.b]') + 5), span: span(at('[a.b]'), at('"d"') + 3) });
    const t = got.root.entries.get('t');
    expect(t?.node.kind === 'array' && t.node.span).toEqual(span(at('[[t]]'), at('[[t]]') + 5));
    // the header span ends two code units after the last key part, as the reference computed it
    const second = t?.node.kind === 'array' ? t.node.items[1] : undefined;
    expect(second).toMatchObject({ headerSpan: span(at('[[ t ]]'), at('[[ t ]]') + 6), span: span(at('[[ t ]]'), at('k = 1') + 5) });
  });
});

describe('nesting', () => {
  test.each([
    ['arrays', `a = ${'['.repeat(10_000)}`],
    ['closed arrays', `a = ${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['inline tables', `a = ${'{a='.repeat(10_000)}`],
    ['closed inline tables', `a = ${'{a='.repeat(10_000)}1${'}'.repeat(10_000)}`],
  ])('10,000 nested %s are rejected without throwing', (_name, text) => {
    const got = ours(text);
    expect(got).toMatchObject({ ok: false, error: { message: 'nesting is deeper than 512 levels' } });
  });

  test('512 levels parse, 513 do not', () => {
    expect(ours(`a = ${'['.repeat(512)}${']'.repeat(512)}\nb = ${'{a='.repeat(512)}1${'}'.repeat(512)}\n`).ok).toBe(true);
    expect(ours(`a = ${'['.repeat(513)}${']'.repeat(513)}\n`).ok).toBe(false);
  });
});
