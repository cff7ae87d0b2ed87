/**
 * Plain TOML values through @iarna/toml, for the Cargo.lock layouts the line reader does not
 * understand. Loaded on demand: cargo-written lockfiles never need it.
 */
import iarna from '@iarna/toml';
import { stripBom } from './toml.ts';
import type { TomlError } from './tree.ts';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

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

