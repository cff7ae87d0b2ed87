/** Small builders rules use to make labels and fixes (design.md §2.2 `diagnostic/build.ts`). */
import type { Applicability, Fix, Label, Span, TextEdit } from './types.ts';

export const primary = (span: Span, message?: string): Label => ({ span, message, primary: true });
export const secondary = (span: Span, message?: string): Label => ({ span, message, primary: false });

export const replace = (span: Span, text: string): TextEdit => ({ span, text });
export const insertAt = (span: Span, offset: number, text: string): TextEdit => ({ span: { file: span.file, start: offset, end: offset }, text });

export const editFix = (title: string, applicability: Applicability, edits: readonly TextEdit[]): Fix => ({ kind: 'edit', title, applicability, edits });
export const commandFix = (title: string, argv: readonly string[]): Fix => ({ kind: 'command', title, argv });

/** `a b 'c d'` — argv as a shell would need it typed. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
