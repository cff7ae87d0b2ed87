/**
 * Test-only reference for src/project/toml-parser.ts: the previous adapter, built on
 * toml-eslint-parser's AST (parseTOML only, never getStaticTOMLValue). The differential test
 * holds the hand-written parser to this tree on the corpus and on tricky documents.
 */
import { parseTOML } from 'toml-eslint-parser';
import type { Span } from '../../src/diagnostic/types.ts';
import type { SourceFile } from '../../src/syntax/source.ts';
import { stripBom, type TomlEntry, type TomlError, type TomlNode, type TomlParse, type TomlScalar } from '../../src/syntax/toml/toml.ts';

interface MutTable {
  kind: 'table';
  span: Span;
  headerSpan?: Span;
  inline: boolean;
  entries: Map<string, TomlEntry>;
}

// Minimal structural view of the toml-eslint-parser AST nodes this adapter reads.
interface AstNode {
  type: string;
  range: [number, number];
}
interface AstKeyPart extends AstNode {
  name?: string;
  value?: string;
}
interface AstKey extends AstNode {
  keys: AstKeyPart[];
}
interface AstKeyValue extends AstNode {
  key: AstKey;
  value: AstValue;
}
interface AstTable extends AstNode {
  kind: 'standard' | 'array';
  key: AstKey;
  resolvedKey: (string | number)[];
  body: AstKeyValue[];
}
interface AstValue extends AstNode {
  kind?: string;
  value?: unknown;
  elements?: AstValue[];
  body?: AstKeyValue[];
}

/** The tree toml-eslint-parser's AST gives, converted as src/project/toml.ts did before toml-parser.ts. */
export function parseTomlReference(file: SourceFile): TomlParse {
  const { text, shift } = stripBom(file.text);
  let program: { body: [{ body: (AstKeyValue | AstTable)[] }] };
  try {
    program = parseTOML(text, { tomlVersion: '1.0' }) as unknown as typeof program;
  } catch (e) {
    return { ok: false, error: toTomlError(e, shift) };
  }
  const sp = (r: [number, number]): Span => ({ file: file.id, start: r[0] + shift, end: r[1] + shift });
  const root: MutTable = { kind: 'table', span: { file: file.id, start: 0, end: file.text.length }, inline: false, entries: new Map() };
  try {
    for (const item of program.body[0].body) {
      if (item.type === 'TOMLKeyValue') addKeyValue(root, item as AstKeyValue, sp, text);
      else addHeaderTable(root, item as AstTable, sp, text);
    }
  } catch (e) {
    return { ok: false, error: toTomlError(e, shift) };
  }
  return { ok: true, root };
}

function toTomlError(e: unknown, shift: number): TomlError {
  if (e instanceof RangeError) return { message: 'nesting is too deep to read', offset: 0 };
  const err = e as { message?: string; index?: number };
  const message = typeof err.message === 'string' ? err.message : String(e);
  return { message: lowerFirst(message.replace(/\.$/, '')), offset: (typeof err.index === 'number' ? err.index : 0) + shift };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const keyName = (k: AstKeyPart): string => (k.name ?? String(k.value ?? ''));

function childTable(parent: MutTable, key: string, keySpan: Span, entrySpan: Span): MutTable {
  const existing = parent.entries.get(key);
  if (existing) {
    const n = existing.node;
    if (n.kind === 'table') return n as MutTable;
    if (n.kind === 'array') {
      const last = n.items[n.items.length - 1];
      if (last?.kind === 'table') return last as MutTable;
    }
    throw Object.assign(new Error(`key \`${key}\` is defined twice`), { index: entrySpan.start });
  }
  const t: MutTable = { kind: 'table', span: entrySpan, inline: false, entries: new Map() };
  parent.entries.set(key, { key, keySpan, entrySpan, node: t });
  return t;
}

function addKeyValue(table: MutTable, kv: AstKeyValue, sp: (r: [number, number]) => Span, source: string): void {
  const parts = kv.key.keys;
  let t = table;
  for (const part of parts.slice(0, -1)) t = childTable(t, keyName(part), sp(part.range), sp(kv.range));
  const last = parts[parts.length - 1];
  if (!last) return;
  t.entries.set(keyName(last), { key: keyName(last), keySpan: sp(last.range), entrySpan: sp(kv.range), node: convertValue(kv.value, sp, source) });
}

function addHeaderTable(root: MutTable, table: AstTable, sp: (r: [number, number]) => Span, source: string): void {
  const parts = table.key.keys;
  const headerEnd = table.body.length > 0 ? (table.body[0]?.range[0] ?? table.range[1]) : table.range[1];
  const headerSpan = sp([table.range[0], table.key.range[1] + (table.kind === 'array' ? 2 : 1)]);
  let t = root;
  for (const part of parts.slice(0, -1)) t = childTable(t, keyName(part), sp(part.range), headerSpan);
  const last = parts[parts.length - 1];
  if (!last) return;
  const name = keyName(last);
  const created: MutTable = { kind: 'table', span: sp([table.range[0], Math.max(table.range[1], headerEnd)]), headerSpan, inline: false, entries: new Map() };
  if (table.kind === 'array') {
    const existing = t.entries.get(name);
    if (existing && existing.node.kind === 'array') (existing.node.items as TomlNode[]).push(created);
    else t.entries.set(name, { key: name, keySpan: sp(last.range), entrySpan: headerSpan, node: { kind: 'array', span: headerSpan, items: [created] } });
  } else {
    const existing = t.entries.get(name);
    if (existing && existing.node.kind === 'table') {
      const mt = existing.node as MutTable;
      mt.headerSpan = headerSpan;
      mt.span = created.span;
      for (const kv of table.body) addKeyValue(mt, kv, sp, source);
      return;
    }
    t.entries.set(name, { key: name, keySpan: sp(last.range), entrySpan: headerSpan, node: created });
  }
  for (const kv of table.body) addKeyValue(created, kv, sp, source);
}

function convertValue(v: AstValue, sp: (r: [number, number]) => Span, source: string): TomlNode {
  const span = sp(v.range);
  switch (v.type) {
    case 'TOMLArray':
      return { kind: 'array', span, items: (v.elements ?? []).map((e) => convertValue(e, sp, source)) };
    case 'TOMLInlineTable': {
      const t: MutTable = { kind: 'table', span, inline: true, entries: new Map() };
      for (const kv of v.body ?? []) addKeyValue(t, kv, sp, source);
      return t;
    }
    default:
      return scalar(v, span, source);
  }
}

function scalar(v: AstValue, span: Span, source: string): TomlScalar {
  switch (v.kind) {
    case 'string':
      return { kind: 'string', span, value: String(v.value) };
    case 'integer':
      // Our tree keeps integers beyond ±(2^53 − 1) exact as bigints; compare with that.
      return { kind: 'integer', span, value: Number.isSafeInteger(Number(v.value)) ? Number(v.value) : BigInt(source.slice(v.range[0], v.range[1]).replaceAll('_', '').replace(/^\+/, '')) };
    case 'float':
      return { kind: 'float', span, value: Number(v.value) };
    case 'boolean':
      return { kind: 'boolean', span, value: Boolean(v.value) };
    default:
      return { kind: 'datetime', span, value: source.slice(v.range[0], v.range[1]) };
  }
}

