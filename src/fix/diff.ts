/** Unified diff of planned changes, for `--fix-dry-run`. Hunks follow the edits, with 3 lines of context. */
import { LineIndex } from '../syntax/source.ts';
import { applyEdits, type FileChange } from './plan.ts';

const CONTEXT = 3;

export function unifiedDiff(changes: readonly FileChange[]): string {
  return changes.map(fileDiff).join('');
}

function fileDiff(change: FileChange): string {
  const text = change.file.text;
  const idx = new LineIndex(text);
  const lines = text.split('\n');
  const ranges: { from: number; to: number; edits: FileChange['edits'][number][] }[] = [];
  for (const e of change.edits) {
    const from = Math.max(1, idx.position(e.span.start).line - CONTEXT);
    const to = Math.min(lines.length, idx.position(e.span.end).line + CONTEXT);
    const last = ranges[ranges.length - 1];
    if (last && from <= last.to + 1) {
      last.to = Math.max(last.to, to);
      last.edits.push(e);
    } else ranges.push({ from, to, edits: [e] });
  }
  let out = `--- a/${change.file.path}\n+++ b/${change.file.path}\n`;
  let shift = 0;
  for (const r of ranges) {
    const start = idx.lineStart(r.from);
    const end = r.to < idx.lineCount ? idx.lineStart(r.to + 1) : text.length;
    const oldText = text.slice(start, end);
    const newText = applyEdits(oldText, r.edits.map((e) => ({ ...e, span: { ...e.span, start: e.span.start - start, end: e.span.end - start } })));
    const oldLines = splitLines(oldText);
    const newLines = splitLines(newText);
    out += `@@ -${r.from},${oldLines.length} +${r.from + shift},${newLines.length} @@\n`;
    out += lineDiff(oldLines, newLines);
    shift += newLines.length - oldLines.length;
  }
  return out;
}

const splitLines = (text: string): string[] => {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l) => l.replace(/\r$/, ''));
};

/** Common leading and trailing lines stay context; the middle is removed and re-added. */
function lineDiff(a: readonly string[], b: readonly string[]): string {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ctx = (l: string) => ` ${l}\n`;
  return [
    ...a.slice(0, head).map(ctx),
    ...a.slice(head, a.length - tail).map((l) => `-${l}\n`),
    ...b.slice(head, b.length - tail).map((l) => `+${l}\n`),
    ...a.slice(a.length - tail).map(ctx),
  ].join('');
}
