import type { FileId, Span } from './span.ts';

/** A file registered for spans. `path` is relative to the report root with `/` separators. */
export interface SourceFile {
  readonly id: FileId;
  readonly path: string;
  readonly absPath: string;
  readonly text: string;
  /** a file that does not exist yet: a fix creates it (its text is empty) */
  readonly created?: boolean;
}

export interface Position {
  /** 1-based line */
  readonly line: number;
  /** 1-based column in UTF-16 code units */
  readonly column: number;
}

/** Line starts of a text, for offset → line/column conversion. */
export class LineIndex {
  readonly starts: number[];
  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.starts = starts;
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
  lineStart(line: number): number {
    return this.starts[line - 1] ?? 0;
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

/** Registry of every file a diagnostic may point into. */
export class SourceMap {
  private readonly files: SourceFile[] = [];
  private readonly byAbs = new Map<string, SourceFile>();
  private readonly indexes = new Map<FileId, LineIndex>();

  add(path: string, absPath: string, text: string): SourceFile {
    return this.register({ path, absPath, text });
  }
  /** Registers a file a fix may create; the file on disk, if it is there, is registered with `add` instead. */
  planned(path: string, absPath: string): SourceFile {
    return this.register({ path, absPath, text: '', created: true });
  }
  private register(f: Omit<SourceFile, 'id'>): SourceFile {
    const existing = this.byAbs.get(f.absPath);
    if (existing) return existing;
    const file: SourceFile = { id: this.files.length as FileId, ...f };
    this.files.push(file);
    this.byAbs.set(f.absPath, file);
    return file;
  }
  get(id: FileId): SourceFile {
    const f = this.files[id];
    if (!f) throw new Error(`unknown file id ${id}`);
    return f;
  }
  byAbsPath(absPath: string): SourceFile | undefined {
    return this.byAbs.get(absPath);
  }
  all(): readonly SourceFile[] {
    return this.files;
  }
  lineIndex(id: FileId): LineIndex {
    let idx = this.indexes.get(id);
    if (!idx) {
      idx = new LineIndex(this.get(id).text);
      this.indexes.set(id, idx);
    }
    return idx;
  }
  position(span: Span): { start: Position; end: Position } {
    const idx = this.lineIndex(span.file);
    return { start: idx.position(span.start), end: idx.position(span.end) };
  }
  text(span: Span): string {
    return this.get(span.file).text.slice(span.start, span.end);
  }
}
