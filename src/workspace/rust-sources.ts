/**
 * The Rust source files of the crates whose code a rule must read (a yew crate: does it mount a
 * renderer?). Read as text, never compiled; bounded so a huge tree cannot stall a run: files under
 * `src/` only, at most MAX_RUST_FILES per crate and MAX_RUST_FILE_BYTES per file, in path order.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from './model.ts';

export const MAX_RUST_FILES = 400;
export const MAX_RUST_FILE_BYTES = 1024 * 1024;

/** Crates whose dependents' sources are read: a dependency on one of these makes its code relevant. */
const SOURCE_READERS: ReadonlySet<string> = new Set(['yew']);

export const needsRustSources = (m: Manifest): boolean => m.dependencies.some((d) => SOURCE_READERS.has(d.name.replace(/-/g, '_')));

/** `.rs` files below `<crate>/src`, sorted, within the bounds; directories that cannot be listed are skipped. */
export function rustFilesOf(crateDir: string): string[] {
  const out: string[] = [];
  const stack = [join(crateDir, 'src')];
  while (stack.length > 0 && out.length < MAX_RUST_FILES) {
    const dir = stack.pop() as string;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    } catch {
      continue;
    }
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) stack.push(abs);
      else if (e.isFile() && e.name.endsWith('.rs') && sizeOf(abs) <= MAX_RUST_FILE_BYTES && out.length < MAX_RUST_FILES) out.push(abs);
    }
  }
  return out.sort();
}

function sizeOf(abs: string): number {
  try {
    return statSync(abs).size;
  } catch {
    return Infinity;
  }
}
