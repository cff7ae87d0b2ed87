import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatText } from '../src/format/text.ts';
import { runScenario, scenarios } from './helpers/scenarios.ts';

const byRule = new Map<string, ReturnType<typeof scenarios>>();
for (const s of scenarios()) byRule.set(s.ruleId, [...(byRule.get(s.ruleId) ?? []), s]);

for (const [ruleId, list] of byRule) {
  describe(ruleId, () => {
    for (const s of list) {
      test(s.name, async () => {
        const report = await runScenario(s);
        const own = report.diagnostics.filter((d) => d.ruleId === ruleId);
        expect(report.crashed, 'no rule crashed').toBe(false);
        if (s.expectFail) {
          expect(own.length, 'a fail- scenario reports at least one finding').toBeGreaterThan(0);
          await expect(formatText(report, { color: false })).toMatchFileSnapshot(join(s.dir, 'expected.txt'));
        } else {
          expect(own.map((d) => d.message)).toEqual([]);
          expect(existsSync(join(s.dir, 'expected.txt')), 'pass- scenarios have no expected.txt').toBe(false);
        }
      });
    }
  });
}
