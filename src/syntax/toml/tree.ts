/** The span-carrying TOML tree every TOML reader builds and every lookup walks. */
import type { Span } from '../span.ts';

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
