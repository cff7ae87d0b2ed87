/** Questions about a member's Rust code, answered from its source text (comments and literals masked). */
import { sep } from 'node:path';
import type { Span } from '../syntax/span.ts';
import type { SourceFile } from '../syntax/source.ts';
import { maskRustLiterals } from '../syntax/rust.ts';
import type { Manifest, Workspace } from '../workspace/model.ts';

const masked = new WeakMap<SourceFile, string>();

function codeOf(file: SourceFile): string {
  let text = masked.get(file);
  if (text === undefined) {
    text = maskRustLiterals(file.text);
    masked.set(file, text);
  }
  return text;
}

/**
 * The first place in the member's `src/` `.rs` files where code (not a comment or a string) matches
 * `pattern`; undefined when nothing matches or the member's sources were not read.
 */
export function rustCodeMatch(ws: Workspace, m: Manifest, pattern: RegExp): Span | undefined {
  for (const file of ws.rustSources.get(m.dir) ?? []) {
    const hit = pattern.exec(codeOf(file));
    if (hit) return { file: file.id, start: hit.index, end: hit.index + hit[0].length };
  }
  return undefined;
}

/** The member has a binary target: a `[[bin]]` table, or (from its sources, when read) `src/main.rs` or `src/bin/`. */
export function hasBinary(ws: Workspace, m: Manifest): boolean {
  const src = `${m.dir}${sep}src${sep}`;
  const bins = [`${src}main.rs`, `${src}bin${sep}`];
  return m.toml.entries.has('bin') || (ws.rustSources.get(m.dir) ?? []).some((f) => bins.some((b) => f.absPath.startsWith(b)));
}
