/**
 * The real-world snapshots in ../shared/corpus (present; required when CI is set): every snapshot is read without a
 * crash, the certain findings of test/corpus/expectations.json are reported at the right place with
 * the right severity, and the traps stay quiet. Only rules that exist are held to their entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { doctor } from '../src/engine/run.ts';
import { allRules } from '../src/engine/registry.ts';
import { formatJson } from '../src/format/json.ts';
import { CORPUS, requireCorpusUnderCi } from './helpers/corpus.ts';


interface Expected {
  readonly rule: string;
  readonly severity?: string;
  readonly file?: string;
  readonly line?: number;
  readonly confidence?: 'certain' | 'likely';
  /** the place is a secondary label of the finding (the version to align to), not its primary location */
  readonly role?: 'related';
}
const expectations: Record<string, { findings: Expected[]; quiet: Expected[] }> = JSON.parse(readFileSync(join(import.meta.dirname, 'corpus', 'expectations.json'), 'utf8'));
const known = new Set(allRules().map((r) => r.id as string));

interface Found {
  readonly rule: string;
  readonly severity: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly related: readonly { file: string; line: number }[];
}

describe.skipIf(!requireCorpusUnderCi())('corpus', () => {
  for (const [name, exp] of Object.entries(expectations)) {
    test(name, async () => {
      const report = await doctor({ dir: join(CORPUS, name), probe: false });
      expect(report.crashed).toBe(false);
      const found: Found[] = JSON.parse(formatJson(report)).diagnostics;
      const place = (e: Expected, p: { file: string | null; line: number | null }) => (e.file === undefined || p.file === e.file) && (!e.line || p.line === e.line);
      const at = (e: Expected) => found.filter((f) => f.rule === e.rule && (e.role === 'related' ? f.related.some((r) => place(e, r)) : place(e, f)));
      for (const e of exp.findings.filter((x) => known.has(x.rule) && x.confidence !== 'likely')) {
        const hits = at(e);
        expect(hits.length, `${e.rule} at ${e.file}:${e.line}`).toBeGreaterThan(0);
        expect(hits[0]?.severity, `${e.rule} at ${e.file}:${e.line}`).toBe(e.severity);
      }
      for (const q of exp.quiet.filter((x) => known.has(x.rule))) expect(at(q), `quiet: ${q.rule} ${q.file ?? ''}:${q.line ?? ''}`).toEqual([]);
    });
  }
});
