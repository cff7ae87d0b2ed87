/**
 * The hand-written workflow YAML parser against the `yaml` package path: wherever it answers, its
 * tree (values, spans, key spans, regions) is the full parser's, and it answers for nearly every
 * real workflow. Anything outside its subset, or possibly an error, it leaves to the full parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseYamlFast } from '../../src/syntax/yaml/fast.ts';
import { parseYamlFull } from '../../src/syntax/yaml/full.ts';
import { SourceMap, type SourceFile } from '../../src/syntax/source.ts';
import { CORPUS as CORPUS_DIR, requireCorpusUnderCi } from '../helpers/corpus.ts';

const CORPUS = requireCorpusUnderCi() ? CORPUS_DIR : undefined;
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

const sources = new SourceMap();
let serial = 0;
const source = (text: string, path = 'ci.yml'): SourceFile => sources.add(path, `/repo/${serial++}/${path}`, text);

/** Files under `dir` (not descending into `node_modules`, `target` or `.git`) whose path matches `want`. */
function files(dir: string, want: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => want.test(p.replaceAll('\\', '/')) && !/(^|\/)(node_modules|target|\.git)\//.test(p))
    .map((p) => join(dir, p))
    .sort();
}

/** The fast tree, after checking it is the full parser's; undefined when the fast parser declined. */
function fastAgrees(text: string) {
  const f = source(text);
  const fast = parseYamlFast(f);
  if (fast) expect(fast).toStrictEqual(parseYamlFull(f));
  return fast;
}

describe.skipIf(!CORPUS)('corpus workflows', () => {
  const workflows = CORPUS ? files(CORPUS, /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/) : [];

  test.each(workflows.map((p) => [p.slice((CORPUS ?? '').length + 1), p]))('%s', (_, path) => {
    fastAgrees(readFileSync(path, 'utf8'));
  });

  test('the fast parser handles at least 90% of them', () => {
    const handled = workflows.filter((p) => parseYamlFast(source(readFileSync(p, 'utf8'))) !== undefined);
    expect(workflows.length).toBeGreaterThan(0);
    expect(handled.length / workflows.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('fixture YAML files', () => {
  test.each(files(FIXTURES, /\.ya?ml$/).map((p) => [p.slice(FIXTURES.length + 1), p]))('%s', (_, path) => {
    fastAgrees(readFileSync(path, 'utf8'));
  });
});

describe('snippets the fast parser reads exactly as the full parser', () => {
  const handled: Record<string, string> = {
    'a flat map': 'name: CI\non: push\n',
    'plain scalars as written': 'a: 1.80\nb: true\nc: ~\nd: null\ne: 0x10\nf: 1e3\ng: -1\n',
    'plain scalars with `:` and `#` inside': 'run: cargo build --target wasm32-unknown-unknown\nurl: https://example.com/a#b\nk: a:b c\n',
    'comments after values': 'a: 1 # one\nb: "x" # two\nc: [a] # three\nd: | # four\n  x\n',
    'a `#` inside quotes is no comment': 'key: "quoted # not comment"\nother: \'single # too\'\n',
    'double-quoted escapes': 'a: "tab\\there \\"q\\" \\u00e9 \\x41 \\\\ \\/"\n',
    'single-quoted quotes': "a: 'it''s'\nb: ''\n",
    'quoted keys, spaces before `:`': '"quoted key": 1\n\'single\': 2\nplain  : 3\n',
    'a literal block with blank and deeper lines': 'steps:\n  - run: |\n      echo one\n\n        indented\n      echo two\n\n  - run: x\n',
    'block chomping and folding': 'a: |-\n  x\n\nb: |+\n  y\n\nc: >\n  folded\n  line\n\n  para\n    more\nd: >-\n  z\ne: >+\n  w\n',
    'an indentation indicator': 'a: |2\n    leading spaces\n  x\nb: |-1\n  y\n',
    'a block at the end without a newline': 'a: |\n  x\n  y',
    'a block with trailing blank lines and spaces': 'a: |\n    x\n      \n   \n\nb: 1\n',
    'a `- key: value` item with a nested map': '- uses: x\n  with:\n    version: 0.2.93\n- run: y\n',
    "items at their key's indent": 'steps:\n- uses: a\n- run: b\nnext: 1\n',
    'a flow sequence': 'on: [push, pull_request]\n',
    'a flow map over lines': 'include:\n  - { targets: wasm32-unknown-unknown,\n      toolchain: stable }\n',
    'flow collections with a trailing comma, closing at the key indent': 'm:\n  - {\n      a: 1,\n      b: "2", # c\n    }\nl: [\n  x,\n  y\n]\n',
    'nested flow collections': 'm: {a: [1, {b: c}], "d": \'e\', f: []}\n',
    'an empty value, then a sibling': 'on:\n  workflow_dispatch:\n  push:\n    branches: [main]\n',
    'empty values last, with and without comments': 'a:\n  b: # c\n\n  # trailing\nc:\n',
    'comments trailing nested collections': 'jobs:\n  a:\n    steps:\n    - run: x\n      # indented, taken by x\n    # at the sequence, kept by it\n  b:\n    runs-on: y\n  # at the jobs map\n# at the root\n',
    'comments after a nested map at its indent': 'a:\n  b: 1\n  # c\n',
    'comments after a sequence at column 0 pass to its map': 'a:\n- x\n# c\n',
    'an empty item after comment lines takes them in': 'a:\n- x\n# c\n-\nk:\n - a: 2\n # c\n -\n',
    'a multi-line plain scalar': 'if: a &&\n  b\n\n  || c\nnext: 1\n',
    'a value on the next line': 'a:\n  plain text\n  goes on\nb:\n  "quoted"\nc:\n  [x]\n',
    'empty sequence items': '- \n- a\n-\n  # c\n',
    'CRLF line endings': 'a: 1\r\nb:\r\n  - x\r\n  - |\r\n    y\r\n\r\n    z\r\nc: "q"\r\nd: >\r\n  f\r\n  g\r\n',
    'a BOM': '\ufeffname: CI\non: push\n',
    'a document start marker': '# lead\n--- # start\na: 1\n',
    'tabs inside a block scalar': 'run: |\n  make\n  \techo hi\n',
    'keys the core schema leaves strings': 'on: 1\nyes: 2\nv1.2.3: 3\n"true": 4\n',
  };
  test.each(Object.entries(handled))('%s', (_, text) => {
    expect(fastAgrees(text)).toBeDefined();
  });
});

describe('inputs the fast parser leaves to the full parser', () => {
  const declined: Record<string, string> = {
    'an anchor and an alias': 'a: &x 1\nb: *x\n',
    'a merge key': 'a: &x {k: 1}\nb:\n  <<: *x\n',
    'a tag': 'a: !!str 1\n',
    'an explicit key': '? a\n: b\n',
    'a tab as indentation': 'a:\n\tb: 1\n',
    'a tab after a key': 'a:\tb\n',
    'duplicate keys': 'a: 1\na: 2\n',
    'duplicate flow keys': 'a: {b: 1, b: 2}\n',
    'invalid indentation': 'a:\n    b: 1\n  c: 2\n',
    'a sequence on the key line': 'a: - b\n',
    'a nested mapping on the key line': 'a: b: c\n',
    'an unclosed flow sequence': 'a: [x,\nb: 1\n',
    'an unterminated quote': 'a: "x\n',
    'a multi-line quoted scalar': 'a: "x\n  y"\n',
    'an invalid escape': 'a: "\\q"\n',
    'a comment right after a quote': 'a: "x"#c\n',
    'a comment at column 0 inside a flow map': 'k: {a: 1,\n b: x\n# c\n}\n',
    'a directive': '%YAML 1.2\n---\na: 1\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'a document end marker': 'a: 1\n...\n',
    'a scalar document': 'just text\n',
    'an empty document': '# nothing\n',
    'keys the core schema reads as numbers or booleans': '1: a\nTrue: b\n',
    'a block with a more-indented leading blank line': 'a: |\n      \n  x\n',
    'an empty block scalar': 'a: |\nb: 1\n',
    'a reserved character': 'a: @x\n',
    'a lone CR': 'a: 1\rb: 2\n',
  };
  test.each(Object.entries(declined))('%s', (_, text) => {
    expect(parseYamlFast(source(text))).toBeUndefined();
  });
});

describe('every small document', () => {
  /** Documents of three lines, each a template at column 0, 1 or 2 (keys numbered by line, so they rarely clash). */
  const templates = ['K: 1', 'K:', '- x', '-', '- K: 2', '# c', '', 'K: |', 'K: {a: x', '}', 'K: [a,', 'b]'];
  const lines = [0, 1, 2].flatMap((indent) => templates.map((t) => ' '.repeat(indent) + t));
  test('agree with the full parser', () => {
    let handled = 0;
    for (const a of lines) {
      for (const b of lines) {
        for (const c of lines) {
          for (const text of [`${a}\n${b.replace('K', 'k')}\n${c.replace('K', 'j')}`, `${a}\n${b.replace('K', 'k')}\n${c.replace('K', 'j')}\n`]) {
            const f = source(text);
            const fast = parseYamlFast(f);
            if (fast === undefined) continue;
            handled++;
            if (!isDeepStrictEqual(fast, parseYamlFull(f))) expect.unreachable(`differs on ${JSON.stringify(text)}`);
          }
        }
      }
    }
    expect(handled).toBeGreaterThan(1000);
  });
});

describe('properties', () => {
  /** Never throws, and a tree is the full parser's (so never a tree where the full parser reports an error). */
  const agrees = (text: string): boolean => {
    const f = source(text);
    const fast = parseYamlFast(f);
    return fast === undefined || isDeepStrictEqual(fast, parseYamlFull(f));
  };
  const edit = fc.record({ at: fc.nat(), delete: fc.nat({ max: 3 }), insert: fc.constantFrom('', ' ', '  ', '\n', '\r\n', '\t', '#', ' # c', ':', ': ', '- ', '-', '"', "'", '\\', '[', ']', '{', '}', ',', '|', '>-', '2', '&a', '*a', '!', '?', 'x: y\n', '\n  ') });
  const mutate = (text: string, edits: { at: number; delete: number; insert: string }[]): string =>
    edits.reduce((s, e) => {
      const at = e.at % (s.length + 1);
      return s.slice(0, at) + e.insert + s.slice(at + e.delete);
    }, text);

  const workflows = CORPUS ? files(CORPUS, /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/).map((p) => readFileSync(p, 'utf8')) : [];
  test.skipIf(workflows.length === 0)('randomly edited corpus workflows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...workflows), fc.array(edit, { minLength: 1, maxLength: 4 }), (text, edits) => agrees(mutate(text, edits))),
      { numRuns: 300 },
    );
  });

  /** Small documents from workflow-like lines at random indents, then edited. */
  const line = fc.tuple(
    fc.integer({ min: 0, max: 7 }),
    fc.constantFrom('a: 1', 'b: x y', 'c:', 'd: |', 'e: >-', 'echo hi', '', '# c', '- f', '- g: 2', '-', 'h: [i, j]', 'k: { l: m,', 'n: o }', 'p: "q # r"', "s: 't'", 'u: v # w', '  ', ']', '}'),
  );
  const doc = fc.tuple(fc.array(line, { minLength: 1, maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.array(edit, { maxLength: 2 }));
  test('workflow-like documents', () => {
    fc.assert(
      fc.property(doc, ([lines, eol, edits]) => agrees(mutate(lines.map(([indent, text]) => ' '.repeat(indent) + text).join(eol) + eol, edits))),
      { numRuns: 3000 },
    );
  });
});
