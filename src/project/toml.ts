/**
 * The single TOML adapter (design.md §0 item 9). Parses with toml-eslint-parser's AST (never its
 * getStaticTOMLValue) into a span-carrying value tree, and turns every parse failure into a
 * TomlError with an offset instead of an exception escaping to callers.
 */
import { parseTOML } from 'toml-eslint-parser';
import iarna from '@iarna/toml';
import type { Span } from '../diagnostic/types.ts';
import type { SourceFile } from './source.ts';

export interface TomlEntry {
  readonly key: string;
  readonly keySpan: Span;
  /** the whole `key = value` (or the table header for a `[table]`) */
  readonly entrySpan: Span;
  readonly node: TomlNode;
}

export interface TomlTable {
  readonly kind: 'table';
  readonly span: Span;
  /** span of `[header]` for a header table; undefined for inline/implicit/root tables */
  readonly headerSpan?: Span;
  readonly inline: boolean;
  readonly entries: ReadonlyMap<string, TomlEntry>;
}
export interface TomlArray {
  readonly kind: 'array';
  readonly span: Span;
  readonly items: readonly TomlNode[];
}
export interface TomlScalar {
  readonly kind: 'string' | 'integer' | 'float' | 'boolean' | 'datetime';
  readonly span: Span;
  readonly value: string | number | boolean;
}
export type TomlNode = TomlTable | TomlArray | TomlScalar;

export interface TomlError {
  readonly message: string;
  readonly offset: number;
}

export type TomlParse = { readonly ok: true; readonly root: TomlTable } | { readonly ok: false; readonly error: TomlError };

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

const BOM = '\uFEFF';

export function stripBom(text: string): { text: string; shift: number } {
  return text.startsWith(BOM) ? { text: text.slice(1), shift: 1 } : { text, shift: 0 };
}

export function parseToml(file: SourceFile): TomlParse {
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
      if (item.type === 'TOMLKeyValue') addKeyValue(root, item as AstKeyValue, sp);
      else addHeaderTable(root, item as AstTable, sp);
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

function addKeyValue(table: MutTable, kv: AstKeyValue, sp: (r: [number, number]) => Span): void {
  const parts = kv.key.keys;
  let t = table;
  for (const part of parts.slice(0, -1)) t = childTable(t, keyName(part), sp(part.range), sp(kv.range));
  const last = parts[parts.length - 1];
  if (!last) return;
  t.entries.set(keyName(last), { key: keyName(last), keySpan: sp(last.range), entrySpan: sp(kv.range), node: convertValue(kv.value, sp) });
}

function addHeaderTable(root: MutTable, table: AstTable, sp: (r: [number, number]) => Span): void {
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
      for (const kv of table.body) addKeyValue(mt, kv, sp);
      return;
    }
    t.entries.set(name, { key: name, keySpan: sp(last.range), entrySpan: headerSpan, node: created });
  }
  for (const kv of table.body) addKeyValue(created, kv, sp);
}

function convertValue(v: AstValue, sp: (r: [number, number]) => Span): TomlNode {
  const span = sp(v.range);
  switch (v.type) {
    case 'TOMLArray':
      return { kind: 'array', span, items: (v.elements ?? []).map((e) => convertValue(e, sp)) };
    case 'TOMLInlineTable': {
      const t: MutTable = { kind: 'table', span, inline: true, entries: new Map() };
      for (const kv of v.body ?? []) addKeyValue(t, kv, sp);
      return t;
    }
    default:
      return scalar(v, span);
  }
}

function scalar(v: AstValue, span: Span): TomlScalar {
  switch (v.kind) {
    case 'string':
      return { kind: 'string', span, value: String(v.value) };
    case 'integer':
      return { kind: 'integer', span, value: Number(v.value) };
    case 'float':
      return { kind: 'float', span, value: Number(v.value) };
    case 'boolean':
      return { kind: 'boolean', span, value: Boolean(v.value) };
    default:
      return { kind: 'datetime', span, value: String(v.value) };
  }
}

/** Plain-value parse for hand-edited layouts the line readers do not understand (Cargo.lock fallback). */
export function parseTomlPlain(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: TomlError } {
  const { text: body, shift } = stripBom(text);
  try {
    return { ok: true, value: iarna.parse(body.replace(/\r\n/g, '\n')) as Record<string, unknown> };
  } catch (e) {
    const err = e as { message?: string; pos?: number };
    const first = (err.message ?? String(e)).split('\n')[0] ?? '';
    return { ok: false, error: { message: lowerFirst(first), offset: (err.pos ?? 0) + shift } };
  }
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
