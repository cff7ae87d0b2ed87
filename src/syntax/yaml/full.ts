/**
 * The `yaml` package path of the YAML adapter (the package stays behind this file): the whole
 * language and its error messages, for the documents yaml-fast.ts declines. Loaded on demand.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Span } from '../span.ts';
import type { SourceFile } from '../source.ts';
import { maskRegion } from '../text.ts';
import type { YamlParse, YEntry, YScalar, YValue } from './tree.ts';

/** Aliases may nest; a cycle or a billion-laughs document stops here. */
const MAX_DEPTH = 64;

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

