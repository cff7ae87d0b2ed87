/**
 * The project measures its own shape: the import graph of src/ and rules/ has no cycle, no module
 * imports from a higher layer, no folder under src/ holds more than a third of the source lines,
 * and the rule SDK (src/api.ts) exports only what rules use.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Lowest first. A module may import from its own unit or from a lower layer, never upwards. */
const LAYERS: readonly (readonly string[])[] = [
  ['src/semver', 'src/tool.ts', 'src/errors.ts', 'src/paths.ts'],
  ['src/syntax'],
  ['src/kb', 'src/diagnostic'],
  ['src/probe', 'src/ci'],
  ['src/workspace'],
  ['src/analysis'],
  ['src/rule.ts'],
  ['src/api.ts'],
  ['rules'],
  ['src/config'],
  ['src/engine'],
  ['src/fix', 'src/format'],
  ['src/commands'],
  ['src/cli.ts', 'src/index.ts'],
  ['src/action.ts'],
  ['src/bin'],
];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(ROOT, dir)).sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) sources(rel, out);
    else if (name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

const MODULES = [...sources('src'), ...sources('rules')];
const unitOf = (module: string): string | undefined => LAYERS.flat().find((u) => module === u || module.startsWith(`${u}/`));
const layerOf = (unit: string): number => LAYERS.findIndex((l) => l.includes(unit));

/** Relative imports and re-exports of a module, static and dynamic, as paths from the repository root. */
function importsOf(module: string): string[] {
  const text = readFileSync(join(ROOT, module), 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specs.filter((s) => s.endsWith('.ts')).map((s) => relative(ROOT, resolve(ROOT, dirname(module), s)).split('\\').join('/'));
}

const GRAPH = new Map(MODULES.map((m) => [m, importsOf(m)]));

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of GRAPH.get(v) ?? []) {
      if (!GRAPH.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack.delete(w);
        scc.push(w);
        if (w === v) break;
      }
      if (scc.length > 1 || (GRAPH.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const m of MODULES) if (!index.has(m)) visit(m);
  return found;
}

const lineCount = (module: string): number => readFileSync(join(ROOT, module), 'utf8').split('\n').length;

describe('architecture', () => {
  test('every module belongs to a layer', () => {
    expect(MODULES.filter((m) => unitOf(m) === undefined)).toEqual([]);
  });

  test('imports point at existing modules', () => {
    const missing = [...GRAPH].flatMap(([from, to]) => to.filter((t) => !GRAPH.has(t) && !t.startsWith('test/')).map((t) => `${from} → ${t}`));
    expect(missing).toEqual([]);
  });

  test('no import cycles', () => {
    expect(cycles()).toEqual([]);
  });

  test('no import from a lower layer to a higher one', () => {
    const upward: string[] = [];
    for (const [from, to] of GRAPH) {
      const fromUnit = unitOf(from) as string;
      for (const t of to) {
        const toUnit = unitOf(t);
        if (toUnit === undefined || toUnit === fromUnit) continue;
        if (layerOf(toUnit) >= layerOf(fromUnit)) upward.push(`${from} → ${t}`);
      }
    }
    expect(upward).toEqual([]);
  });

  test('no folder under src/ holds more than about a third of the source lines', () => {
    const src = MODULES.filter((m) => m.startsWith('src/'));
    const total = src.reduce((n, m) => n + lineCount(m), 0);
    const byFolder = new Map<string, number>();
    for (const m of src) {
      const folder = m.split('/').slice(0, 2).join('/');
      if (folder.endsWith('.ts')) continue;
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + lineCount(m));
    }
    for (const [folder, lines] of byFolder) expect(lines / total, `${folder}: ${lines} of ${total} lines`).toBeLessThanOrEqual(0.35);
  });

  test('src/api.ts exports only what rules use', () => {
    const api = readFileSync(join(ROOT, 'src/api.ts'), 'utf8');
    const exported = [...api.matchAll(/export (?:type )?\{([^}]*)\}/g)]
      .flatMap((m) => (m[1] as string).split(','))
      .map((n) => n.trim().replace(/^type /, '').replace(/^\w+ as /, ''))
      .filter(Boolean);
    const namespaces = [...api.matchAll(/export \* as (\w+)/g), ...api.matchAll(/export const (\w+)/g)].map((m) => m[1] as string);
    const ruleText = sources('rules').map((m) => readFileSync(join(ROOT, m), 'utf8')).join('\n');
    const unused = [...exported, ...namespaces].filter((name) => !new RegExp(`\\b${name}\\b`).test(ruleText));
    expect(unused).toEqual([]);
  });
});
