/** The span-carrying YAML tree both YAML readers build. */
import type { Span } from '../span.ts';
import type { Region } from '../text.ts';

export interface YScalar {
  readonly kind: 'scalar';
  /** the value; for plain and quoted scalars the literal as written (so `1.80` stays `1.80`) */
  readonly value: string;
  /** the literal without quotes (a block scalar: its whole body) */
  readonly span: Span;
  /** the literal's source text, same offsets, with block headers blanked and folded newlines as spaces */
  readonly region: Region;
}
export interface YEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YValue | undefined;
}
export interface YMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: readonly YEntry[];
}
export interface YSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly YValue[];
}
export type YValue = YScalar | YMap | YSeq;

export type YamlParse = { readonly ok: true; readonly root: YValue | undefined } | { readonly ok: false; readonly error: { readonly message: string; readonly offset: number } };
