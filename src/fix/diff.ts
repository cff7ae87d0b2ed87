/**
 * Unified diff of planned changes, for `--fix-dry-run`: a patch `git apply` takes. Hunks come from a
 * real line diff (jsdiff) with 3 lines of context; lines keep their `\r`, a last line without a
 * newline gets git's `\ No newline at end of file`, and a file the fix creates is diffed from /dev/null.
 */
import { structuredPatch } from 'diff';
import type { FileChange } from './plan.ts';

const CONTEXT = 3;

export function unifiedDiff(changes: readonly FileChange[]): string {
  return changes.map(fileDiff).join('');
}

function fileDiff(change: FileChange): string {
  const path = change.file.path;
  const { hunks } = structuredPatch(path, path, change.file.text, change.after, '', '', { context: CONTEXT });
  let out = `--- ${change.file.created ? '/dev/null' : `a/${path}`}\n+++ b/${path}\n`;
  for (const h of hunks) {
    // An empty side starts at the line before the hunk, as diff(1) writes it.
    const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
    const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
    out += `@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@\n`;
    out += h.lines.map((l) => `${l}\n`).join('');
  }
  return out;
}
