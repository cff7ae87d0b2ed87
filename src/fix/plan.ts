/**
 * Turns the safe edit fixes of a report into new file texts (design.md §2.9): edits grouped per
 * file and sorted, an edit overlapping one already taken waits for the next pass, and a TOML file
 * that no longer parses aborts the whole plan. Pure: nothing is written here.
 */
import type { Diagnostic, TextEdit } from '../diagnostic/types.ts';
import type { Report } from '../engine/report.ts';
import type { SourceFile } from '../syntax/source.ts';
import { parseToml } from '../syntax/toml/toml.ts';

export interface FileChange {
  readonly file: SourceFile;
  readonly edits: readonly TextEdit[];
  readonly after: string;
}

export type FixPlan =
  | { readonly ok: true; readonly changes: readonly FileChange[]; readonly fixed: readonly Diagnostic[] }
  | { readonly ok: false; readonly message: string };

const isToml = (path: string): boolean => /(\.toml|(^|\/)Cargo\.lock|(^|\/)rust-toolchain|(^|\/)\.cargo\/config)$/.test(path);

/** Plans the `safe` edit fixes, and the `unsafe` ones too when asked (`--unsafe-fixes`). */
export function planFixes(report: Report, unsafe = false): FixPlan {
  const byFile = new Map<number, TextEdit[]>();
  const fixed: Diagnostic[] = [];
  for (const d of report.diagnostics) {
    if (d.fix?.kind !== 'edit' || !(d.fix.applicability === 'safe' || (unsafe && d.fix.applicability === 'unsafe'))) continue;
    const taken = d.fix.edits.every((e) => !(byFile.get(e.span.file) ?? []).some((o) => overlaps(o, e)));
    if (!taken) continue;
    for (const e of d.fix.edits) {
      const list = byFile.get(e.span.file) ?? [];
      list.push(e);
      byFile.set(e.span.file, list);
    }
    fixed.push(d);
  }
  const changes: FileChange[] = [];
  for (const [id, edits] of byFile) {
    const file = report.sources.get(id as SourceFile['id']);
    const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
    const after = applyEdits(file.text, sorted);
    if (after === file.text) continue;
    // A legacy `rust-toolchain` may be one bare channel line: only a file that was TOML must stay TOML.
    if (isToml(file.path) && (file.created || parseToml(file).ok)) {
      const reparsed = parseToml({ ...file, text: after });
      if (!reparsed.ok) return { ok: false, message: `fixing \`${file.path}\` would make it invalid TOML (${reparsed.error.message}); nothing was written` };
    }
    changes.push({ file, edits: sorted, after });
  }
  changes.sort((a, b) => (a.file.path < b.file.path ? -1 : 1));
  return { ok: true, changes, fixed };
}

const overlaps = (a: TextEdit, b: TextEdit): boolean =>
  a.span.start < b.span.end && b.span.start < a.span.end || (a.span.start === b.span.start && a.span.end === b.span.end);

/** Applies non-overlapping edits sorted by start offset. */
export function applyEdits(text: string, sorted: readonly TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.span.start) + e.text;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}
