/** The rule map: the checks listed in rules/index.ts and the core table in rules/core/index.ts. */
import { CORE_RULES } from '../../rules/core/index.ts';
import { RULES } from '../../rules/index.ts';
import type { RuleMeta } from '../rule.ts';

export const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

const ALL: readonly RuleMeta[] = [...RULES, ...CORE_RULES].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Every rule, core rules included, sorted by id. */
export function allRules(): readonly RuleMeta[] {
  return ALL;
}

export function findRule(id: string): RuleMeta | undefined {
  return ALL.find((r) => r.id === id);
}
