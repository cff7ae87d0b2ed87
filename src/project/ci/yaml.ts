/**
 * The single YAML adapter (the `yaml` package stays behind this file). Turns a document into a
 * small span-carrying tree: aliases and `<<` merge keys are resolved, and every scalar keeps the
 * offsets of its literal in the registered SourceFile, so a pin can be pointed at and edited.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Span } from '../../diagnostic/types.ts';
import type { SourceFile } from '../source.ts';
import { maskRegion, type Region } from './text.ts';
import { parseYamlFast } from './yaml-fast.ts';

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

/** Aliases may nest; a cycle or a billion-laughs document stops here. */
const MAX_DEPTH = 64;

export function parseYaml(file: SourceFile): YamlParse {
  const fast = parseYamlFast(file);
  if (fast) return fast;
  return parseYamlFull(file);
}

/** The `yaml` package path: the whole language, and the error messages. */
export function parseYamlFull(file: SourceFile): YamlParse {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(file.text, { merge: true, prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    return { ok: false, error: { message: (e as Error).message, offset: 0 } };
  }
  const err = doc.errors[0];
  if (err) return { ok: false, error: { message: err.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ''), offset: err.pos[0] } };
  return { ok: true, root: convert(doc, file, doc.contents as YamlNode | null, 0) };
}

function convert(doc: Document.Parsed, file: SourceFile, node: unknown, depth: number): YValue | undefined {
  if (depth > MAX_DEPTH || node === null || node === undefined) return undefined;
  if (isAlias(node)) return convert(doc, file, node.resolve(doc), depth + 1);
  const range = (node as YamlNode).range ?? [0, 0, 0];
  const span: Span = { file: file.id, start: range[0], end: range[1] };
  if (isScalar(node)) return scalar(file, node, span);
  if (isMap(node)) {
    const entries: YEntry[] = [];
    for (const pair of node.items as Pair<unknown, unknown>[]) {
      const key = isScalar(pair.key) ? pair.key : undefined;
      // With `merge: true` the parser marks `<<` keys with a symbol.
      if (key && (key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<'))) {
        entries.push(...mergedEntries(doc, file, pair.value, depth));
        continue;
      }
      if (!key) continue;
      const kr = key.range ?? [0, 0, 0];
      entries.push({ key: String(key.value), keySpan: { file: file.id, start: kr[0], end: kr[1] }, value: convert(doc, file, pair.value, depth + 1) });
    }
    // A key set after a merge overrides the merged one: keep the last of each key.
    const last = new Map(entries.map((e) => [e.key, e]));
    return { kind: 'map', span, entries: entries.filter((e) => last.get(e.key) === e) };
  }
  if (isSeq(node)) {
    const items = node.items.map((i) => convert(doc, file, i, depth + 1)).filter((v): v is YValue => v !== undefined);
    return { kind: 'seq', span, items };
  }
  return undefined;
}

function mergedEntries(doc: Document.Parsed, file: SourceFile, value: unknown, depth: number): YEntry[] {
  const sources = isSeq(value) ? value.items : [value];
  return sources.flatMap((s) => {
    const m = convert(doc, file, s, depth + 1);
    return m?.kind === 'map' ? m.entries : [];
  });
}

function scalar(file: SourceFile, node: Scalar, span: Span): YScalar {
  const raw = file.text.slice(span.start, span.end);
  const style = node.type ?? Scalar.PLAIN;
  if (style === Scalar.QUOTE_DOUBLE || style === Scalar.QUOTE_SINGLE) {
    const inner: Span = { file: file.id, start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) };
    return { kind: 'scalar', value: String(node.value), span: inner, region: maskRegion(file.id, file.text, inner.start, inner.end, 'fold') };
  }
  if (style === Scalar.BLOCK_LITERAL || style === Scalar.BLOCK_FOLDED) {
    const region = maskRegion(file.id, file.text, span.start, span.end, style === Scalar.BLOCK_FOLDED ? 'block-folded' : 'block-literal');
    return { kind: 'scalar', value: String(node.value), span, region };
  }
  // Plain scalars keep their literal: `1.80` is a toolchain, not the number 1.8.
  return { kind: 'scalar', value: raw.replace(/\s*\r?\n\s*/g, ' '), span, region: maskRegion(file.id, file.text, span.start, span.end, 'fold') };
}

export const entry = (v: YValue | undefined, key: string): YValue | undefined => (v?.kind === 'map' ? v.entries.find((e) => e.key === key)?.value : undefined);
export const asScalar = (v: YValue | undefined): YScalar | undefined => (v?.kind === 'scalar' ? v : undefined);
export const asMap = (v: YValue | undefined): YMap | undefined => (v?.kind === 'map' ? v : undefined);
export const asSeq = (v: YValue | undefined): YSeq | undefined => (v?.kind === 'seq' ? v : undefined);
export const get = (v: YValue | undefined, ...path: string[]): YValue | undefined => path.reduce<YValue | undefined>((cur, k) => entry(cur, k), v);
