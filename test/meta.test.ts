/** Registry, docs and fixtures stay consistent (design.md §5.4). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ruleTable } from '../src/commands/explain.ts';
import { allRules, RULE_ID } from '../src/engine/registry.ts';
import { CORE_RULES } from '../rules/core/index.ts';
import { RULES } from '../rules/index.ts';
import { runScenario, scenarios, FIXTURES } from './helpers/scenarios.ts';

const ROOT = join(import.meta.dirname, '..');
const RULES_DIR = join(ROOT, 'rules');
const HEADINGS = ['What it does', 'Why is this bad?', 'Example', 'Fix', 'Options', 'Known problems', 'References'];
const REQUIRED = ['What it does', 'Why is this bad?', 'Example', 'Fix', 'References'];
/** Rules whose failure cannot be produced by a project on disk. */
const NO_FAIL_FIXTURE = new Set(['core/rule-crashed']);
/** Messages start lowercase unless they start with a name. */
const PROPER_NOUN = /^(Rust|Cargo|Trunk|Node|GitHub|Safari|LLVM|WASI)\b/;

const filesEnding = (ext: string): string[] =>
  readdirSync(RULES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(RULES_DIR, d.name)).filter((f) => f.endsWith(ext)).map((f) => `${d.name}/${f.slice(0, -ext.length)}`))
    .sort();
/** Every rule has a doc; every rule but the core table has its own .ts file. */
const ruleDocs = (): string[] => filesEnding('.md');
const ruleSources = (): string[] => filesEnding('.ts');

describe('rule registry', () => {
  test('rules/index.ts and the core table list every rule doc, sorted, once', () => {
    const ids = allRules().map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(ruleDocs());
    expect(RULES.map((r) => r.id)).toEqual(ruleSources().filter((f) => !f.startsWith('core/')));
    expect(CORE_RULES.map((r) => r.id)).toEqual(ruleDocs().filter((f) => f.startsWith('core/')));
  });

  test('ids follow the grammar', () => {
    for (const r of allRules()) expect(r.id).toMatch(RULE_ID);
  });

  test('the id list is reviewed when it changes', async () => {
    await expect(`${allRules().map((r) => r.id).join('\n')}\n`).toMatchFileSnapshot('__snapshots__/rule-ids.txt');
  });

  test('the README rule table is generated from the metadata (npm run docs)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`<!-- rules:begin -->\n${ruleTable(allRules())}<!-- rules:end -->`);
  });

  test('rules import nothing from src/ but src/api.ts', () => {
    for (const id of ruleSources()) {
      const text = readFileSync(join(RULES_DIR, `${id}.ts`), 'utf8');
      for (const m of text.matchAll(/from '([^']+)'/g)) expect(m[1], id).toBe('../../src/api.ts');
    }
  });
});

describe('rule docs', () => {
  for (const rule of allRules()) {
    test(rule.id, () => {
      const path = join(RULES_DIR, `${rule.id}.md`);
      expect(existsSync(path), `${rule.id}.md exists`).toBe(true);
      const doc = readFileSync(path, 'utf8');
      const lines = doc.split('\n');
      expect(lines[0]).toBe(`# ${rule.id}`);
      expect(lines[1]).toBe('');
      expect(lines[2], 'first paragraph equals the summary').toBe(rule.summary);
      const headings = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
      expect(headings.filter((h) => HEADINGS.includes(h)), 'only known headings, in order').toEqual(headings);
      expect(headings).toEqual(HEADINGS.filter((h) => headings.includes(h)));
      for (const h of REQUIRED) expect(headings, `has ## ${h}`).toContain(h);
      for (const m of doc.matchAll(/<!-- fixture: ([\w.-]+) -->\n```text\n([\s\S]*?)```/g)) {
        const expected = join(FIXTURES, rule.id, m[1] as string, 'expected.txt');
        expect(existsSync(expected), `fixture ${m[1]} exists`).toBe(true);
        expect(m[2], 'example equals the fixture output (npm run docs)').toBe(readFileSync(expected, 'utf8').replace(/\n*$/, '\n'));
      }
      if (!NO_FAIL_FIXTURE.has(rule.id)) expect(doc, 'has a fixture example').toMatch(/<!-- fixture: /);
      for (const block of doc.matchAll(/^```(\w*)$/gm)) if (doc.slice(0, block.index).split('```').length % 2 === 1) expect(block[1], 'code blocks have a language tag').not.toBe('');
    });
  }
});

describe('rule fixtures', () => {
  const all = scenarios();
  for (const rule of allRules()) {
    test(`${rule.id} has pass- and fail- scenarios`, () => {
      const mine = all.filter((s) => s.ruleId === rule.id);
      expect(mine.some((s) => !s.expectFail), 'a pass- scenario').toBe(true);
      if (!NO_FAIL_FIXTURE.has(rule.id)) expect(mine.some((s) => s.expectFail), 'a fail- scenario').toBe(true);
    });
  }

  test('every fixture belongs to a registered rule', () => {
    const ids = new Set(allRules().map((r) => r.id as string));
    for (const s of all) expect(ids.has(s.ruleId), s.dir).toBe(true);
  });

  test('declared fix availability matches what the rules emit', async () => {
    for (const s of all.filter((x) => x.expectFail)) {
      const rule = allRules().find((r) => r.id === s.ruleId);
      if (!rule) continue;
      const own = (await runScenario(s)).diagnostics.filter((d) => d.ruleId === s.ruleId);
      if (rule.fix === 'none') expect(own.filter((d) => d.fix), s.dir).toEqual([]);
      if (own.some((d) => d.fix?.kind === 'edit' && d.fix.applicability === 'unsafe')) {
        expect(readFileSync(join(RULES_DIR, `${rule.id}.md`), 'utf8'), `${rule.id}.md explains when its fix is unsafe`).toContain('\n### Fix safety\n');
      }
      if (rule.fix === 'always') expect(own.every((d) => d.fix), s.dir).toBe(true);
    }
  });

  test('expected output follows the message conventions', () => {
    for (const s of all.filter((x) => x.expectFail)) {
      const path = join(s.dir, 'expected.txt');
      if (!existsSync(path)) continue;
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        const m = /^\s*(?:= )?(?:error|warning|info|note|help)(?:\[[^\]]+\])?: (.*)$/.exec(line);
        if (!m?.[1]) continue;
        if (!PROPER_NOUN.test(m[1])) expect(m[1], `${s.dir}: ${line}`).not.toMatch(/^[A-Z][a-z]/);
        expect(m[1], `${s.dir}: ${line}`).not.toMatch(/[.!]$/);
      }
    }
  });
});
