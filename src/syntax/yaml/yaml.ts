/**
 * The YAML adapter: a small span-carrying tree (aliases and `<<` merge keys resolved, every scalar
 * keeps the offsets of its literal in the registered SourceFile, so a pin can be pointed at and
 * edited), read by fast.ts or, behind full.ts, by the `yaml` package.
 */
import type { SourceFile } from '../source.ts';
import type { YamlParse, YMap, YScalar, YSeq, YValue } from './tree.ts';
import { parseYamlFast } from './fast.ts';

export type { YamlParse, YEntry, YMap, YScalar, YSeq, YValue } from './tree.ts';

/**
 * The fast workflow-subset parser answers first; the `yaml` package (loaded only then) parses
 * whatever it declines and gives the error messages.
 */
export async function parseYaml(file: SourceFile): Promise<YamlParse> {
  const fast = parseYamlFast(file);
  if (fast) return fast;
  return (await import('./full.ts')).parseYamlFull(file);
}

export const entry = (v: YValue | undefined, key: string): YValue | undefined => (v?.kind === 'map' ? v.entries.find((e) => e.key === key)?.value : undefined);
export const asScalar = (v: YValue | undefined): YScalar | undefined => (v?.kind === 'scalar' ? v : undefined);
export const asMap = (v: YValue | undefined): YMap | undefined => (v?.kind === 'map' ? v : undefined);
export const asSeq = (v: YValue | undefined): YSeq | undefined => (v?.kind === 'seq' ? v : undefined);
export const get = (v: YValue | undefined, ...path: string[]): YValue | undefined => path.reduce<YValue | undefined>((cur, k) => entry(cur, k), v);
