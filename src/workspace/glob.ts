/** Cargo workspace `members`/`exclude` patterns (glob crate syntax: `*`, `?`, `[...]`, `**`). */
const GLOB_CHARS = /[*?[]/;

export const hasGlob = (pattern: string): boolean => GLOB_CHARS.test(pattern);

export function normalizeRel(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function segmentRegex(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] ?? '';
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = seg.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        const body = seg.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}

const compiled = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = normalizeRel(pattern).split('/').map((s) => (s === '**' ? '(?:.*)' : segmentRegex(s))).join('/').replace(/\/\(\?:\.\*\)\//g, '(?:/.*/|/)');
    re = new RegExp(`^${body}$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** Does the workspace-relative path `rel` match the pattern? */
export function globMatches(pattern: string, rel: string): boolean {
  return globRegex(pattern).test(normalizeRel(rel));
}

/** Is the root-relative path `rel`, or a directory it is in, matched by one of the `exclude` globs? */
export function isExcludedPath(patterns: readonly string[], rel: string): boolean {
  if (patterns.length === 0) return false;
  const segs = normalizeRel(rel).split('/');
  for (let n = 1; n <= segs.length; n++) {
    const prefix = segs.slice(0, n).join('/');
    if (patterns.some((p) => globMatches(p, prefix))) return true;
  }
  return false;
}
