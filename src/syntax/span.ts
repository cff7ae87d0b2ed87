/** Offsets into a registered source: what every parser returns and every diagnostic points at. */
export type FileId = number & { readonly __brand: 'FileId' };

/** UTF-16 code-unit offsets into SourceFile.text (design.md §2.4). */
export interface Span {
  readonly file: FileId;
  readonly start: number;
  readonly end: number;
}

/** A value with the span of the literal it was read from (design.md §2.6). */
export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

/** Replace `span` with `text`; an insert has `start === end`, a deletion empty `text`. */
export interface TextEdit {
  readonly span: Span;
  readonly text: string;
}
