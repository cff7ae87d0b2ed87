/**
 * Length-preserving views of source text. Every transformation here keeps each character at its
 * offset (removed text becomes spaces), so whatever a scanner finds in a view is a span of the file.
 */
import type { FileId } from './span.ts';

/** A piece of a file as a scanner sees it: `text[i]` sits at file offset `base + i`. */
export interface Region {
  readonly file: FileId;
  readonly text: string;
  readonly base: number;
}

export type RegionMode = 'raw' | 'fold' | 'block-literal' | 'block-folded';

const blank = (s: string): string => s.replace(/[^\r\n]/g, ' ');

/**
 * `text[start, end)` as a region. `fold` joins lines (a plain or quoted YAML scalar); the block
 * modes blank the `|`/`>` header line, and `block-folded` joins lines that YAML folds.
 */
export function maskRegion(file: FileId, text: string, start: number, end: number, mode: RegionMode): Region {
  let s = text.slice(start, end);
  if (mode === 'fold') s = s.replace(/[\r\n]/g, ' ');
  if (mode === 'block-literal' || mode === 'block-folded') {
    const nl = s.indexOf('\n');
    s = nl < 0 ? blank(s) : blank(s.slice(0, nl)) + s.slice(nl);
  }
  if (mode === 'block-folded') s = foldLines(s);
  return { file, text: s, base: start };
}

/** YAML `>`: a line break between two non-empty body lines becomes a space. */
function foldLines(s: string): string {
  const lines = s.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? line + (i > 0 && line.trim() !== '' && (lines[i + 1] ?? '').trim() !== '' ? ' ' : '\n') : line)).join('');
}

/**
 * Blanks shell comments: a `#` that starts a word outside quotes, to the end of the line. Quotes
 * never span lines here, so a stray apostrophe cannot hide a commented-out install.
 */
export function maskShellComments(text: string): string {
  const out = text.split('');
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < out.length; i++) {
    const c = out[i];
    if (c === '\n') {
      quote = undefined;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === '#' && (i === 0 || /[\s;&|(]/.test(out[i - 1] ?? ' '))) {
      for (; i < out.length && out[i] !== '\n' && out[i] !== '\r'; i++) out[i] = ' ';
      i--;
    }
  }
  return out.join('');
}
