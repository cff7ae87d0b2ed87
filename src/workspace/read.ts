/** Reading project files as text, turning every filesystem or encoding problem into a message. */
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { SourceFile } from '../syntax/source.ts';
import type { Toml11Use, TomlTable } from '../syntax/toml/toml.ts';

/** A TOML file read and parsed, with the TOML 1.1 syntax it uses. */
export interface ReadToml {
  readonly file: SourceFile;
  readonly toml: TomlTable;
  readonly toml11: readonly Toml11Use[];
}

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly missing: boolean; readonly message: string };

/** Larger files are refused rather than read (a lockfile of a few hundred MB is still read). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/**
 * Files up to this size are read synchronously: a manifest read through the thread pool costs
 * several round trips (open, stat, read, close), which dominate a check of a large workspace.
 */
const SYNC_READ_BYTES = 1024 * 1024;

export async function readText(absPath: string): Promise<ReadResult> {
  let size: number;
  try {
    const st = statSync(absPath);
    if (st.isDirectory()) return { ok: false, missing: false, message: 'is a directory, not a file' };
    // A FIFO, socket or device would block or never end: only regular files are read.
    if (!st.isFile()) return { ok: false, missing: false, message: 'is not a regular file (a pipe, socket or device)' };
    size = st.size;
  } catch (e) {
    return fsFailure(e);
  }
  if (size > MAX_FILE_BYTES) return { ok: false, missing: false, message: `is too large to read (${size} bytes)` };
  let buf: Buffer;
  try {
    buf = size <= SYNC_READ_BYTES ? readFileSync(absPath) : await readFile(absPath);
  } catch (e) {
    return fsFailure(e);
  }
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    return { ok: false, missing: false, message: 'is UTF-16 encoded; Cargo reads only UTF-8' };
  }
  if (buf.includes(0)) return { ok: false, missing: false, message: 'is a binary file (it contains NUL bytes)' };
  // Buffer#toString keeps ASCII text in V8's one-byte representation: half the memory of a decoder's string.
  return isUtf8(buf) ? { ok: true, text: buf.toString('utf8') } : { ok: false, missing: false, message: 'is not valid UTF-8' };
}

function fsFailure(e: unknown): ReadResult {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return { ok: false, missing: true, message: 'does not exist (or is a broken symbolic link)' };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, missing: false, message: 'cannot be read (permission denied)' };
    case 'ELOOP':
      return { ok: false, missing: false, message: 'is a symbolic link loop' };
    case 'EISDIR':
      return { ok: false, missing: false, message: 'is a directory, not a file' };
    default:
      return { ok: false, missing: false, message: `cannot be read (${code ?? 'unknown error'})` };
  }
}
