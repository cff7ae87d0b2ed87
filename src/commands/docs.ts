/** Finds the rule docs (`rules/<id>.md`) shipped next to the sources or the bundle. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../engine/registry.ts';
import { ruleDocFromMarkdown, type RuleDoc, type RuleDocs, type RuleInfo } from '../format/rule-docs.ts';

function rulesDir(): string | undefined {
  for (let d = dirname(fileURLToPath(import.meta.url)); ; d = dirname(d)) {
    if (existsSync(join(d, 'rules', 'core'))) return join(d, 'rules');
    if (dirname(d) === d) return undefined;
  }
}

export function readRuleDoc(id: string): string | undefined {
  const dir = rulesDir();
  const path = dir && join(dir, `${id}.md`);
  return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Parsed docs of every rule, for SARIF rule descriptions; a rule without a doc falls back to its summary. */
export function loadRuleDocs(): RuleDocs {
  const docs = new Map<string, RuleDoc>();
  for (const rule of allRules()) {
    const md = readRuleDoc(rule.id);
    if (md) docs.set(rule.id, ruleDocFromMarkdown(md));
  }
  return docs;
}

/** Every registered rule as plain data, in registry order. */
export const ruleCatalog = (): RuleInfo[] => allRules().map((r) => ({ id: r.id, summary: r.summary, defaultSeverity: r.defaultSeverity }));
