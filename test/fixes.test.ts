/**
 * Every fail- scenario whose findings carry an edit fix has `<scenario>.expected.fixed/` beside it:
 * `--fix` (with `--unsafe-fixes` when a fix is unsafe) on a copy must give exactly those bytes, the
 * findings it fixed are gone and nothing new appears, a second `--fix` changes nothing, and the
 * `--fix-dry-run` patch applied with `git apply` gives the same bytes. `WD_UPDATE_FIXED=1` rewrites
 * the trees (then read them).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { check, type CheckOptions } from '../src/commands/check.ts';
import type { Diagnostic } from '../src/diagnostic/types.ts';
import { doctor } from '../src/engine/run.ts';
import { FIXED_SUFFIX, runScenario, scenarios, scenarioTools } from './helpers/scenarios.ts';

const EXPECTED_TXT = 'expected.txt';

/** path → bytes of every file below `dir` except the scenario's expected.txt. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p !== join(dir, EXPECTED_TXT)) out.set(relative(dir, p), readFileSync(p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function copyScenario(dir: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'wd-fix-'));
  cpSync(dir, tmp, { recursive: true });
  rmSync(join(tmp, EXPECTED_TXT), { force: true });
  return tmp;
}

const fixable = (d: Diagnostic, unsafe: boolean): boolean =>
  d.fix?.kind === 'edit' && (d.fix.applicability === 'safe' || (unsafe && d.fix.applicability === 'unsafe'));
const keys = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.ruleId}: ${d.message}`);

describe('--fix on every fixture with an edit fix', () => {
  for (const s of scenarios().filter((x) => x.expectFail)) {
    test(`${s.ruleId} ${s.name}`, async () => {
      const fixedDir = s.dir + FIXED_SUFFIX;
      const found = (await runScenario(s)).diagnostics.filter((d) => d.ruleId === s.ruleId);
      if (!found.some((d) => fixable(d, true))) {
        expect(existsSync(fixedDir), 'no edit fix, no expected.fixed tree').toBe(false);
        return;
      }
      const tools = scenarioTools(s.dir);
      const opts: CheckOptions = { dir: '', tools, only: [s.ruleId], format: 'text', color: false, fix: true, fixDryRun: false, unsafeFixes: found.some((d) => fixable(d, true) && !fixable(d, false)), maxWarnings: -1, quiet: false };
      const dir = copyScenario(s.dir);
      const before = tree(dir);
      const allBefore = await doctor({ dir, tools });

      const dry = copyScenario(s.dir);
      const patch = (await check({ ...opts, dir: dry, fix: false, fixDryRun: true })).stdout;
      expect(patch, 'the dry run prints a patch').toMatch(/^--- /);
      const applied = spawnSync('git', ['apply', '-'], { cwd: dry, input: patch, encoding: 'utf8' });
      expect(applied.status, `git apply takes the patch: ${applied.stderr}`).toBe(0);

      await check({ ...opts, dir });
      const after = tree(dir);
      const changed = [...after].filter(([p, b]) => !before.get(p)?.equals(b));
      if (process.env['WD_UPDATE_FIXED']) {
        rmSync(fixedDir, { recursive: true, force: true });
        for (const [p, b] of changed) {
          mkdirSync(dirname(join(fixedDir, p)), { recursive: true });
          writeFileSync(join(fixedDir, p), b);
        }
      }
      const expected = new Map([...before, ...tree(fixedDir)]);
      expect([...after.keys()], 'the files after --fix').toEqual([...expected.keys()].sort());
      for (const [p, b] of after) expect(b.toString('latin1'), `${p} after --fix`).toBe(expected.get(p)?.toString('latin1'));
      expect(tree(dry), 'git apply of the dry run gives what --fix wrote').toEqual(after);

      const allAfter = await doctor({ dir, tools });
      expect(allAfter.diagnostics.filter((d) => d.ruleId === s.ruleId && fixable(d, opts.unsafeFixes)).map((d) => d.message), 'the fixed findings are gone').toEqual([]);
      expect(keys(allAfter.diagnostics).filter((k) => !keys(allBefore.diagnostics).includes(k)), 'nothing new appears').toEqual([]);

      await check({ ...opts, dir });
      expect(tree(dir), 'a second --fix changes nothing').toEqual(after);
    });
  }
});
