/**
 * Writes planned changes: only regular files inside the project root (no symlink out of it), each
 * through a temp file in the same directory and a rename; a failed write leaves no temp file. A file
 * a fix creates is linked into place, so one that appeared since the check is never overwritten.
 */
import { linkSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    const reason = c.file.created ? creationRefusal(realRoot, c.file.absPath) : refusal(realRoot, c.file.absPath);
    if (reason) refused.push(`\`${c.file.path}\` was not fixed: ${reason}`);
    return reason === undefined;
  });
  const written: string[] = [];
  for (const c of allowed) {
    const tmp = join(dirname(c.file.absPath), `.${basename(c.file.absPath)}.wasm-doctor-${process.pid}.tmp`);
    try {
      if (c.file.created) mkdirSync(dirname(c.file.absPath), { recursive: true });
      const mode = c.file.created ? 0o666 : lstatSync(c.file.absPath).mode & 0o777;
      writeFileSync(tmp, c.after, { encoding: 'utf8', flag: 'wx', mode });
      if (c.file.created) {
        linkSync(tmp, c.file.absPath);
        rmSync(tmp);
      } else renameSync(tmp, c.file.absPath);
      written.push(c.file.path);
    } catch (e) {
      rmSync(tmp, { force: true });
      refused.push(`\`${c.file.path}\` was not fixed: ${(e as Error).message}`);
    }
  }
  return { written, refused };
}

const inside = (realRoot: string, real: string): boolean => real === realRoot || real.startsWith(realRoot + sep);

function refusal(realRoot: string, abs: string): string | undefined {
  const st = lstatSync(abs, { throwIfNoEntry: false });
  if (!st) return 'it no longer exists';
  if (st.isSymbolicLink()) return 'it is a symbolic link (wasm-doctor only writes regular files inside the project)';
  if (!st.isFile()) return 'it is not a regular file';
  if (!realpathSync(abs).startsWith(realRoot + sep)) return 'it is outside the project root';
  return undefined;
}

/** A new file: nothing may be there yet, and its nearest existing directory is a real one inside the root. */
function creationRefusal(realRoot: string, abs: string): string | undefined {
  if (lstatSync(abs, { throwIfNoEntry: false })) return 'it was created since the check';
  let dir = dirname(abs);
  while (!lstatSync(dir, { throwIfNoEntry: false })) dir = dirname(dir);
  if (lstatSync(dir).isSymbolicLink()) return `\`${basename(dir)}\` is a symbolic link (wasm-doctor only writes regular files inside the project)`;
  if (!inside(realRoot, realpathSync(dir))) return 'it is outside the project root';
  return undefined;
}
