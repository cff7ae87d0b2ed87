/**
 * The YAML adapter: a small span-carrying tree (aliases and `<<` merge keys resolved, every scalar
 * keeps the offsets of its literal in the registered SourceFile, so a pin can be pointed at and
 * edited), read by yaml-fast.ts or, behind yaml-full.ts, by the `yaml` package.
 */
import type { Span } from '../../diagnostic/types.ts';
import type { SourceFile } from '../source.ts';
import type { Region } from '../text.ts';
import { parseYamlFast } from './fast.ts';

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

/**
 * The fast workflow-subset parser answers first; the `yaml` package (loaded only then) parses
 * whatever it declines and gives the error messages.
 */
export async function parseYaml(file: SourceFile): Promise<YamlParse> {
  const fast = parseYamlFast(file);
  if (fast) return fast;
  return (await import('./full.ts')).parseYamlFull(file);
}

export const entry = (v: YValue | undefined, key: string): YValue | undefined => (v?.kind === 'map' ? v.entries.find((e) => e.key === key)?.value : undefined);
export const asScalar = (v: YValue | undefined): YScalar | undefined => (v?.kind === 'scalar' ? v : undefined);
export const asMap = (v: YValue | undefined): YMap | undefined => (v?.kind === 'map' ? v : undefined);
export const asSeq = (v: YValue | undefined): YSeq | undefined => (v?.kind === 'seq' ? v : undefined);
export const get = (v: YValue | undefined, ...path: string[]): YValue | undefined => path.reduce<YValue | undefined>((cur, k) => entry(cur, k), v);
