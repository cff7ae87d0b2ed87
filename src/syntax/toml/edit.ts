/**
 * Format-preserving TOML edits on the span tree (design.md §2.6): each helper returns one text edit
 * that splices a literal into a known place, so comments, key order, CRLF and the BOM stay as they
 * are. Nothing is re-serialised. Literals are written by the caller (`tomlString` quotes a string).
 */
import type { SourceFile } from '../source.ts';
import type { Span, TextEdit } from '../span.ts';
import { asTable, get } from './toml.ts';
import type { TomlArray, TomlNode, TomlTable } from './tree.ts';

/** The line ending a file already uses. */
export const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** A TOML basic string: JSON's escapes are all valid TOML escapes. */
export const tomlString = (value: string): string => JSON.stringify(value);

const at = (file: SourceFile, offset: number, text: string): TextEdit => ({ span: { file: file.id, start: offset, end: offset }, text });

/** The source text of a node, as written. */
export const literalOf = (file: SourceFile, node: { readonly span: Span }): string => file.text.slice(node.span.start, node.span.end);

/** Replaces a value (a scalar, an array or an inline table) with `literal`. */
export const setValue = (node: { readonly span: Span }, literal: string): TextEdit => ({ span: node.span, text: literal });

/** Inserts `literal` as item `index` of an array (past the end: after the last item). */
export function insertItem(file: SourceFile, array: TomlArray, index: number, literal: string): TextEdit {
  const before = array.items[index];
  if (before) return at(file, before.span.start, `${literal}, `);
  const last = array.items[array.items.length - 1];
  if (last) return at(file, last.span.end, `, ${literal}`);
  return at(file, array.span.start + 1, literal);
}

/** Adds `key = literal` to a table: inside an inline table's braces, or on the line after a header table's `[header]`. */
export function addKey(file: SourceFile, table: TomlTable, key: string, literal: string): TextEdit | undefined {
  const entry = `${key} = ${literal}`;
  if (table.inline) {
    const entries = [...table.entries.values()];
    const last = entries[entries.length - 1];
    if (last) return at(file, last.entrySpan.end, `, ${entry}`);
    return { span: table.span, text: `{ ${entry} }` };
  }
  if (!table.headerSpan) return undefined;
  const text = file.text;
  const lineEnd = text.slice(table.headerSpan.end).search(/\r?\n|$/) + table.headerSpan.end;
  return at(file, lineEnd, `${eolOf(text)}${entry}`);
}

/** Appends `[header]` with its entries at the end of the file, after one blank line. */
export function appendTable(file: SourceFile, header: string, entries: readonly (readonly [string, string])[]): TextEdit {
  const text = file.text;
  const eol = eolOf(text);
  const gap = text.length === 0 ? '' : text.endsWith('\n') ? eol : eol + eol;
  const body = entries.map(([k, v]) => `${k} = ${v}${eol}`).join('');
  return at(file, text.length, `${gap}[${header}]${eol}${body}`);
}

/**
 * Removes the items at `indexes` from an array in one edit. Each kept item keeps the separator
 * written after it (comma, spaces, comments), so the array's layout stays as it was.
 */
export function removeItems(file: SourceFile, array: TomlArray, indexes: readonly number[]): TextEdit | undefined {
  const items = array.items;
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last || indexes.length === 0) return undefined;
  const kept = items.filter((_, i) => !indexes.includes(i));
  const separatorAfter = (node: TomlNode): string => {
    const next = items[items.indexOf(node) + 1];
    return next ? file.text.slice(node.span.end, next.span.start) : '';
  };
  const text = kept.map((node, k) => literalOf(file, node) + (k < kept.length - 1 ? separatorAfter(node) : '')).join('');
  return { span: { file: file.id, start: first.span.start, end: last.span.end }, text };
}

/** A key as TOML needs it written: bare when it can be, else a literal or basic string. */
export const tomlKey = (key: string): string => (/^[A-Za-z0-9_-]+$/.test(key) ? key : key.includes("'") ? tomlString(key) : `'${key}'`);

/**
 * Adds `key = literal` entries to the header table at `path` (`['target', 'cfg(…)', 'dependencies']`),
 * or appends that table when the file has none (`root` undefined: a file the fix creates). Undefined
 * when a key is already there or the table is only implied by dotted keys or inline.
 */
export function addToTable(file: SourceFile, root: TomlTable | undefined, path: readonly string[], entries: readonly (readonly [string, string])[]): TextEdit | undefined {
  const table = asTable(get(root, ...path));
  const written = entries.map(([k, v]) => [tomlKey(k), v] as const);
  if (!table) return appendTable(file, path.map(tomlKey).join('.'), written);
  if (table.inline || entries.some(([k]) => get(table, k))) return undefined;
  const [[key, literal] = ['', ''], ...rest] = written;
  const eol = eolOf(file.text);
  return addKey(file, table, key, literal + rest.map(([k, v]) => `${eol}${k} = ${v}`).join(''));
}
