/**
 * Writes planned changes: only regular files inside the project root (no symlink out of it), each
 * through a temp file in the same directory and a rename; a failed write leaves no temp file.
 */
import { lstatSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { FileChange } from './plan.ts';

export function writeChanges(root: string, changes: readonly FileChange[]): string[] {
  const realRoot = realpathSync(root);
  for (const c of changes) assertWritable(realRoot, c.file.absPath);
  const written: string[] = [];
  for (const c of changes) {
    const tmp = join(dirname(c.file.absPath), `.${basename(c.file.absPath)}.wasm-doctor-${process.pid}.tmp`);
    try {
      writeFileSync(tmp, c.after, { encoding: 'utf8', flag: 'wx', mode: lstatSync(c.file.absPath).mode & 0o777 });
      renameSync(tmp, c.file.absPath);
      written.push(c.file.path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }
  return written;
}

function assertWritable(realRoot: string, abs: string): void {
  const st = lstatSync(abs);
  if (!st.isFile()) throw new Error(`refusing to fix \`${abs}\`: it is not a regular file (a symbolic link?)`);
  const real = realpathSync(abs);
  if (!(real.startsWith(realRoot + sep) || real === realRoot)) throw new Error(`refusing to fix \`${abs}\`: it is outside the project root`);
}
