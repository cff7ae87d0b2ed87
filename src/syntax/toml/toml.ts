/**
 * The single TOML adapter (design.md §0 item 9): a span-carrying value tree from our own TOML 1.0
 * parser (parser.ts; it replaced toml-eslint-parser's AST, which cost most of a large
 * workspace's run time), and lookups. plain.ts reads hand-edited lockfiles with @iarna/toml.
 * Every parse failure is a TomlError with an offset, never an exception.
 */
import { parseTomlTree } from './parser.ts';
import type { Span } from '../span.ts';
import type { SourceFile } from '../source.ts';
import type { TomlArray, TomlEntry, TomlNode, TomlParse, TomlTable } from './tree.ts';

export type { Toml11Use, TomlArray, TomlEntry, TomlError, TomlNode, TomlParse, TomlScalar, TomlTable } from './tree.ts';

const BOM = '\uFEFF';

export function stripBom(text: string): { text: string; shift: number } {
  return text.startsWith(BOM) ? { text: text.slice(1), shift: 1 } : { text, shift: 0 };
}

/** Parses a registered file (BOM and CRLF allowed); never throws. */
export function parseToml(file: SourceFile): TomlParse {
  const { text, shift } = stripBom(file.text);
  return parseTomlTree(text, file.id, shift);
}

// ── typed lookups rules and model builders use ──────────────────────────────────────────────

export function get(table: TomlTable | undefined, ...path: string[]): TomlNode | undefined {
  let node: TomlNode | undefined = table;
  for (const key of path) {
    if (node?.kind !== 'table') return undefined;
    node = node.entries.get(key)?.node;
  }
  return node;
}

export function entry(table: TomlTable | undefined, key: string): TomlEntry | undefined {
  return table?.entries.get(key);
}

export const asTable = (n: TomlNode | undefined): TomlTable | undefined => (n?.kind === 'table' ? n : undefined);
export const asArray = (n: TomlNode | undefined): TomlArray | undefined => (n?.kind === 'array' ? n : undefined);
export const asString = (n: TomlNode | undefined): { value: string; span: Span } | undefined =>
  n?.kind === 'string' ? { value: n.value as string, span: n.span } : undefined;
export const asBool = (n: TomlNode | undefined): boolean | undefined => (n?.kind === 'boolean' ? (n.value as boolean) : undefined);

export function stringItems(n: TomlNode | undefined): { value: string; span: Span }[] {
  const arr = asArray(n);
  if (!arr) return [];
  const out: { value: string; span: Span }[] = [];
  for (const item of arr.items) {
    const s = asString(item);
    if (s) out.push(s);
  }
  return out;
}
