/**
 * Where the shared corpus of real repositories is: `../shared/corpus` beside this checkout, as laid
 * out for developers and CI. Off CI a missing corpus skips the corpus tests; under CI (`CI` set) it
 * is a failure, so a run that checked nothing cannot pass.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

export const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

export const corpusPresent = existsSync(CORPUS);

/** Registers a failing test when the corpus is missing under CI; returns whether it is present. */
export function requireCorpusUnderCi(): boolean {
  if (!corpusPresent && process.env.CI) test('the shared corpus is present (CI is set)', () => expect(existsSync(CORPUS), CORPUS).toBe(true));
  return corpusPresent;
}
