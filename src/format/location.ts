import type { Diagnostic, Label, Span } from '../diagnostic/types.ts';
import type { SourceMap } from '../syntax/source.ts';

/** 1-based lines and UTF-16 columns; `endColumn` is exclusive (points after the span). */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function locate(sources: SourceMap, span: Span): Location {
  const { start, end } = sources.position(span);
  return { file: sources.get(span.file).path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export const primaryLabel = (d: Diagnostic): Label | undefined => d.labels.find((l) => l.primary);

export function primaryLocation(sources: SourceMap, d: Diagnostic): Location | undefined {
  const label = primaryLabel(d);
  return label ? locate(sources, label.span) : undefined;
}
