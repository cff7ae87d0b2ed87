/** Walks fixtures/<namespace>/<rule>/<pass-|fail->scenario>/ (design.md §5.1). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleId } from '../../src/diagnostic/types.ts';
import { doctor } from '../../src/engine/run.ts';
import type { Report } from '../../src/engine/report.ts';
import { loadToolStub } from '../../src/probe/stub.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** `fail-x.expected.fixed/` beside `fail-x/` holds the files `--fix` changes or creates, as they must end up. */
export const FIXED_SUFFIX = '.expected.fixed';

export interface Scenario {
  readonly ruleId: RuleId;
  readonly name: string;
  readonly dir: string;
  readonly expectFail: boolean;
}

const dirs = (p: string): string[] => (existsSync(p) ? readdirSync(p).filter((n) => statSync(join(p, n)).isDirectory()).sort() : []);

export function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const ns of dirs(FIXTURES)) {
    if (ns.startsWith('_')) continue;
    for (const rule of dirs(join(FIXTURES, ns))) {
      for (const name of dirs(join(FIXTURES, ns, rule)).filter((n) => !n.endsWith(FIXED_SUFFIX))) {
        out.push({ ruleId: `${ns}/${rule}`, name, dir: join(FIXTURES, ns, rule, name), expectFail: name.startsWith('fail-') });
      }
    }
  }
  return out;
}

export function scenarioTools(dir: string) {
  const path = join(dir, 'tools.json');
  return loadToolStub(existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {}, path);
}

/** Whether a suppression silences something depends on every rule's findings: these scenarios run them all. */
const WHOLE_RUN: ReadonlySet<string> = new Set(['core/suppression-without-reason', 'core/unused-suppression']);

/** Runs only the rule under test on a scenario directory, with its tools.json as the probe results. */
export function runScenario(s: Scenario, dir = s.dir): Promise<Report> {
  return doctor({ dir, tools: scenarioTools(s.dir), only: WHOLE_RUN.has(s.ruleId) ? undefined : [s.ruleId] });
}
