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
  /** an integer beyond ±(2^53 − 1) is a bigint, so it keeps its exact value */
  readonly value: string | number | boolean | bigint;
}
export type TomlNode = TomlTable | TomlArray | TomlScalar;

export interface TomlError {
  readonly message: string;
  readonly offset: number;
}

/**
 * Syntax TOML 1.1.0 added over 1.0.0 (toml-lang/toml:CHANGELOG.md@1.1.0): newlines, comments and a
 * trailing comma inside inline tables, the `\e` and `\xHH` escapes, times without seconds.
 */
export type Toml11Construct = 'inline-table-newline' | 'inline-table-comment' | 'inline-table-trailing-comma' | 'escape-e' | 'escape-x' | 'time-without-seconds';

export interface Toml11Use {
  readonly construct: Toml11Construct;
  readonly span: Span;
}

/** `toml11` lists the TOML 1.1 syntax the document uses, in order; absent for a TOML 1.0 document. */
export type TomlParse = { readonly ok: true; readonly root: TomlTable; readonly toml11?: readonly Toml11Use[] } | { readonly ok: false; readonly error: TomlError };
