/**
 * Rust source text as a scanner needs it: comments and string, byte-string, raw-string and char
 * literals blanked, every other character at its offset. Nothing is parsed or evaluated; a scanner
 * then looks for paths (`yew::Renderer`) in what is left, which is code.
 */

const blank = (s: string): string => s.replace(/[^\r\n]/g, ' ');

/** `text` with comments (nested block comments too) and literals blanked, length preserved. */
export function maskRustLiterals(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const end = literalEnd(text, i);
    if (end === undefined) {
      out += text[i];
      i++;
    } else {
      out += blank(text.slice(i, end));
      i = end;
    }
  }
  return out;
}

/** The end of the comment or literal that starts at `i`, undefined when none starts there. */
function literalEnd(text: string, i: number): number | undefined {
  const c = text[i];
  const next = text[i + 1];
  if (c === '/' && next === '/') {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl;
  }
  if (c === '/' && next === '*') return blockCommentEnd(text, i);
  // `r`, `b` or `c` after an identifier character is inside a word (`bar"`), not a literal prefix.
  if (/[bcr]/.test(c ?? '') && i > 0 && /[A-Za-z0-9_]/.test(text[i - 1] as string)) return undefined;
  const raw = /^(?:br|cr|r)(#*)"/.exec(text.slice(i, i + 260));
  if (raw) {
    const close = text.indexOf(`"${raw[1]}`, i + raw[0].length);
    return close < 0 ? text.length : close + 1 + (raw[1] as string).length;
  }
  const quoted = /^[bc]?"/.exec(text.slice(i, i + 2));
  if (quoted) return quotedEnd(text, i + quoted[0].length, '"');
  const char = /^b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]{1,6}\}|.)|[^'\\\r\n])'/u.exec(text.slice(i, i + 14));
  return char ? i + char[0].length : undefined;
}

function blockCommentEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i++;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function quotedEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}
