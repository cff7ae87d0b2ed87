/**
 * Writes planned changes: only regular files inside the project root (no symlink out of it), each
 * through a temp file in the same directory and a rename; a failed write leaves no temp file.
 */
import { lstatSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { FileChange } from './plan.ts';

export interface WriteResult {
  readonly written: readonly string[];
  /** changes not made, with the reason */
  readonly refused: readonly string[];
}

export function writeChanges(root: string, changes: readonly FileChange[]): WriteResult {
  const realRoot = realpathSync(root);
  const refused: string[] = [];
  const allowed = changes.filter((c) => {
    const reason = refusal(realRoot, c.file.absPath);
    if (reason) refused.push(`\`${c.file.path}\` was not fixed: ${reason}`);
    return reason === undefined;
  });
  const written: string[] = [];
  for (const c of allowed) {
    const tmp = join(dirname(c.file.absPath), `.${basename(c.file.absPath)}.wasm-doctor-${process.pid}.tmp`);
    try {
      writeFileSync(tmp, c.after, { encoding: 'utf8', flag: 'wx', mode: lstatSync(c.file.absPath).mode & 0o777 });
      renameSync(tmp, c.file.absPath);
      written.push(c.file.path);
    } catch (e) {
      rmSync(tmp, { force: true });
      refused.push(`\`${c.file.path}\` was not fixed: ${(e as Error).message}`);
    }
  }
  return { written, refused };
}

function refusal(realRoot: string, abs: string): string | undefined {
  const st = lstatSync(abs, { throwIfNoEntry: false });
  if (!st) return 'it no longer exists';
  if (st.isSymbolicLink()) return 'it is a symbolic link (wasm-doctor only writes regular files inside the project)';
  if (!st.isFile()) return 'it is not a regular file';
  const real = realpathSync(abs);
  if (!real.startsWith(realRoot + sep)) return 'it is outside the project root';
  return undefined;
}
