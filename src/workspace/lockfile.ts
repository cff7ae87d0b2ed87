/**
 * Cargo.lock → Lockfile. Cargo writes a fixed layout, so a line reader records each package's spans
 * in one pass without building a TOML tree; anything it does not recognise falls back to the full
 * parser (spans then point at the entry's `name` line found by search).
 */
import type { Span } from '../diagnostic/types.ts';
import type { LockedPackage, Lockfile } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import { stripBom, type TomlError } from '../syntax/toml/toml.ts';

export type LockParse = { readonly ok: true; readonly lockfile: Lockfile } | { readonly ok: false; readonly error: TomlError };

interface Building {
  name?: string;
  version?: { value: string; span: Span };
  source?: string;
  dependencies: string[];
  start: number;
  end: number;
}

const KV = /^([A-Za-z0-9_-]+) = "((?:[^"\\]|\\.)*)"\s*$/;
/** `[metadata]`, `[patch.unused]`: tables whose content the model does not read. `[package]` is not one of them. */
const OTHER_TABLE = /^\[(?!package\])[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\]$/;
/** Keys of a `[[package]]` entry the model keeps; any other layout of them goes to the full parser. */
const KEPT_KEYS = new Set(['name', 'version', 'source', 'dependencies']);

export async function parseLockfile(file: SourceFile): Promise<LockParse> {
  return readByLines(file) ?? (await readByParser(file));
}

function readByLines(file: SourceFile): LockParse | undefined {
  const text = file.text;
  const packages: LockedPackage[] = [];
  let version = 1;
  let cur: Building | undefined;
  let inDeps = false;
  let inOther = false;
  let pos = stripBom(text).shift;
  // Every registry package repeats the same source URL; keep one copy of it.
  const interned = new Map<string, string>();
  const intern = (v: string): string => {
    const seen = interned.get(v);
    if (seen !== undefined) return seen;
    interned.set(v, v);
    return v;
  };
  const finish = () => {
    if (!cur) return true;
    if (!cur.name || !cur.version) return false;
    packages.push({ name: cur.name, version: cur.version, source: cur.source, dependencies: cur.dependencies, span: { file: file.id, start: cur.start, end: cur.end } });
    cur = undefined;
    return true;
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const line = text.slice(pos, lineEnd);
    const start = pos;
    pos = nl + 1;
    if (line === '' || line.startsWith('#')) continue;
    if (inDeps) {
      if (line === ']') inDeps = false;
      else {
        const m = /^\s*"([^"]*)",?\s*$/.exec(line);
        if (!m || !cur) return undefined;
        cur.dependencies.push(m[1] ?? '');
        cur.end = lineEnd;
      }
      continue;
    }
    if (line === '[[package]]') {
      if (!finish()) return undefined;
      cur = { dependencies: [], start, end: lineEnd };
      inOther = false;
      continue;
    }
    if (line.startsWith('[')) {
      // Only a bare `[name]` header of another table is skipped; `[[package]] # note` and the like go to the parser.
      if (!OTHER_TABLE.test(line) || !finish()) return undefined;
      inOther = true;
      continue;
    }
    if (inOther) continue;
    if (!cur) {
      const v = /^version = (\d+)\s*$/.exec(line);
      if (!v) return undefined;
      version = Number(v[1]);
      continue;
    }
    if (line === 'dependencies = [') {
      inDeps = true;
      continue;
    }
    const kv = KV.exec(line);
    if (!kv) {
      // Keys this reader keeps, written another way (`dependencies = ["a"]`, `source = "…" # note`), go to the parser.
      const key = /^([A-Za-z0-9_-]+) = /.exec(line)?.[1];
      if (key === undefined || KEPT_KEYS.has(key)) return undefined;
      cur.end = lineEnd;
      continue;
    }
    const [, key, value = ''] = kv;
    cur.end = lineEnd;
    if (key === 'name') cur.name = value;
    else if (key === 'version') {
      const vStart = start + line.indexOf('"');
      cur.version = { value, span: { file: file.id, start: vStart, end: vStart + value.length + 2 } };
    } else if (key === 'source') cur.source = intern(value);
  }
  if (!finish()) return undefined;
  return { ok: true, lockfile: { file, version, packages } };
}

async function readByParser(file: SourceFile): Promise<LockParse> {
  const { parseTomlPlain } = await import('../syntax/toml/plain.ts');
  const parsed = parseTomlPlain(file.text);
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  const list = Array.isArray(raw['package']) ? (raw['package'] as Record<string, unknown>[]) : [];
  const packages: LockedPackage[] = [];
  let searchFrom = 0;
  for (const p of list) {
    const name = typeof p['name'] === 'string' ? p['name'] : undefined;
    const version = typeof p['version'] === 'string' ? p['version'] : undefined;
    if (!name || !version) continue;
    const at = findFrom(file.text, new RegExp(`\\bname\\s*=\\s*["']${escapeRegExp(name)}["']`, 'g'), searchFrom);
    const start = at?.start ?? 0;
    if (at) searchFrom = at.end;
    const v = at && findFrom(file.text, new RegExp(`["']${escapeRegExp(version)}["']`, 'g'), at.end);
    const span = { file: file.id, start, end: at?.end ?? start };
    packages.push({
      name,
      version: { value: version, span: v ? { file: file.id, ...v } : span },
      source: typeof p['source'] === 'string' ? p['source'] : undefined,
      dependencies: Array.isArray(p['dependencies']) ? p['dependencies'].filter((d): d is string => typeof d === 'string') : [],
      span: v ? { file: file.id, start: Math.min(start, v.start), end: Math.max(span.end, v.end) } : span,
    });
  }
  const version = typeof raw['version'] === 'number' ? raw['version'] : 1;
  return { ok: true, lockfile: { file, version, packages } };
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first match of a global `re` at or after `from`. */
function findFrom(text: string, re: RegExp, from: number): { start: number; end: number } | undefined {
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}
