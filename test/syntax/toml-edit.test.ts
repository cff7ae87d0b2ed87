/** The TOML edit helpers splice literals into the span tree's places and keep everything else. */
import { describe, expect, test } from 'vitest';
import type { TextEdit } from '../../src/syntax/span.ts';
import { SourceMap, type SourceFile } from '../../src/syntax/source.ts';
import { addKey, addToTable, appendTable, insertItem, literalOf, removeItems, setValue, tomlKey, tomlString } from '../../src/syntax/toml/edit.ts';
import { asArray, asTable, get, parseToml } from '../../src/syntax/toml/toml.ts';
import type { TomlTable } from '../../src/syntax/toml/tree.ts';

let serial = 0;
function load(text: string): { file: SourceFile; root: TomlTable } {
  const file = new SourceMap().add('Cargo.toml', `/t/${serial++}/Cargo.toml`, text);
  const parsed = parseToml(file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { file, root: parsed.root };
}
const apply = (text: string, edit: TextEdit | undefined): string => {
  if (!edit) throw new Error('no edit');
  const out = text.slice(0, edit.span.start) + edit.text + text.slice(edit.span.end);
  expect(parseToml(new SourceMap().add('x', `/x/${serial++}`, out)).ok, out).toBe(true);
  return out;
};

describe('toml edits', () => {
  test('addToTable appends a missing table, fills an existing header table, declines a key that is there', () => {
    const text = '[dependencies]\r\nx = "1"\r\n';
    const { file, root } = load(text);
    const native = ['target', 'cfg(not(target_arch = "wasm32"))', 'dependencies'];
    expect(apply(text, addToTable(file, root, native, [['tokio', '"1"'], ['a.b', '"2"']]))).toBe(`${text}\r\n[target.'cfg(not(target_arch = "wasm32"))'.dependencies]\r\ntokio = "1"\r\n'a.b' = "2"\r\n`);
    expect(apply(text, addToTable(file, root, ['dependencies'], [['y', '"2"'], ['z', '"3"']]))).toBe('[dependencies]\r\ny = "2"\r\nz = "3"\r\nx = "1"\r\n');
    expect(addToTable(file, root, ['dependencies'], [['x', '"2"']])).toBeUndefined();
    const empty = new SourceMap().add('.cargo/config.toml', `/t/${serial++}/.cargo/config.toml`, '');
    expect(apply('', addToTable(empty, undefined, ['target', 'wasm32-unknown-unknown'], [['rustflags', '[]']]))).toBe('[target.wasm32-unknown-unknown]\nrustflags = []\n');
    expect([tomlKey('a-b_c'), tomlKey("cfg(x = 'y')")]).toEqual(['a-b_c', '"cfg(x = \'y\')"']);
  });

  test('removeItems keeps the separators after kept items, empties an array, declines nothing to do', () => {
    const text = 'a = ["full", "rt", "fs", "macros"] # keep\nb = [\n  "net", # sockets\n  "sync",\n]\nc = [ "full" ]\n';
    const { file, root } = load(text);
    const arr = (k: string) => asArray(get(root, k))!;
    expect(apply(text, removeItems(file, arr('a'), [0, 2]))).toBe(text.replace('["full", "rt", "fs", "macros"]', '["rt", "macros"]'));
    expect(apply(text, removeItems(file, arr('b'), [0]))).toBe(text.replace('"net", # sockets\n  "sync"', '"sync"'));
    expect(apply(text, removeItems(file, arr('c'), [0]))).toBe(text.replace('[ "full" ]', '[  ]'));
    expect(removeItems(file, arr('c'), [])).toBeUndefined();
  });

  test('insertItem before the first item, after the last, into an empty array', () => {
    const text = 'a = ["x"] # keep\nb = [ "y", "z" ]\nc = []\n';
    const { file, root } = load(text);
    const arr = (k: string) => asArray(get(root, k))!;
    expect(apply(text, insertItem(file, arr('a'), 0, tomlString('w')))).toBe('a = ["w", "x"] # keep\nb = [ "y", "z" ]\nc = []\n');
    expect(apply(text, insertItem(file, arr('b'), 9, tomlString('w')))).toBe('a = ["x"] # keep\nb = [ "y", "z", "w" ]\nc = []\n');
    expect(apply(text, insertItem(file, arr('c'), 0, tomlString('w')))).toBe('a = ["x"] # keep\nb = [ "y", "z" ]\nc = ["w"]\n');
  });

  test('addKey into a header table keeps CRLF and the trailing comment', () => {
    const text = '\uFEFF[lib] # entry\r\nname = "x"\r\n';
    const { file, root } = load(text);
    expect(apply(text, addKey(file, asTable(get(root, 'lib'))!, 'crate-type', '["cdylib"]'))).toBe('\uFEFF[lib] # entry\r\ncrate-type = ["cdylib"]\r\nname = "x"\r\n');
  });

  test('addKey into inline tables, empty or not; dotted tables are declined', () => {
    const text = 'a = { version = "1" }\nb = {}\nc.d = 1\n';
    const { file, root } = load(text);
    expect(apply(text, addKey(file, asTable(get(root, 'a'))!, 'features', '["x"]'))).toBe('a = { version = "1", features = ["x"] }\nb = {}\nc.d = 1\n');
    expect(apply(text, addKey(file, asTable(get(root, 'b'))!, 'k', '1'))).toBe('a = { version = "1" }\nb = { k = 1 }\nc.d = 1\n');
    expect(addKey(file, asTable(get(root, 'c'))!, 'k', '1')).toBeUndefined();
  });

  test('appendTable after a blank line, with or without a final newline', () => {
    for (const [text, want] of [
      ['[package]\nname = "x"\n', '[package]\nname = "x"\n\n[lib]\ncrate-type = ["cdylib"]\n'],
      ['[package]\r\nname = "x"', '[package]\r\nname = "x"\r\n\r\n[lib]\r\ncrate-type = ["cdylib"]\r\n'],
    ] as const) {
      const { file } = load(text);
      expect(apply(text, appendTable(file, 'lib', [['crate-type', '["cdylib"]']]))).toBe(want);
    }
  });

  test('setValue replaces a value with a literal built from the old one', () => {
    const text = "yew = '0.21' # pinned\n";
    const { file, root } = load(text);
    const v = get(root, 'yew')!;
    expect(apply(text, setValue(v, `{ version = ${literalOf(file, v)}, features = ["csr"] }`))).toBe(`yew = { version = '0.21', features = ["csr"] } # pinned\n`);
  });
});
