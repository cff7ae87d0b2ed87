/** The rule map, built from the explicit list in rules/index.ts. */
import { RULES } from '../../rules/index.ts';
import type { Rule } from '../rule.ts';

export const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

export function allRules(): readonly Rule[] {
  return RULES;
}

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
