import type { Finding, RuleId, Severity } from './diagnostic/types.ts';
import type { Project, Workspace } from './workspace/model.ts';
import type { ToolId, ToolSet } from './probe/types.ts';

export type FixAvailability = 'none' | 'sometimes' | 'always';
export type Need = `tool:${ToolId}`;

export interface RuleContext {
  readonly project: Project;
  /** the Cargo project (workspace or lone package) this run of the rule is about */
  readonly workspace: Workspace;
  /** tools as probed in this workspace's directory (its rust-toolchain file applies) */
  readonly tools: ToolSet;
  /** false under `--no-probe`: tool results are all `skipped` */
  readonly probed: boolean;
  report(finding: Finding): void;
}

/** What a rule is, readable without running it: explain, --list-rules, docs and SARIF use it. */
export interface RuleMeta {
  readonly id: RuleId;
  readonly summary: string;
  readonly defaultSeverity: Severity;
  readonly fix: FixAvailability;
  /** tools to probe for this rule; the rule runs whatever the probe result */
  readonly needs: readonly Need[];
}

/** A rule with a check; wasm-doctor's own `core/*` diagnostics are metadata only, reported by the engine. */
export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export const hasCheck = (rule: RuleMeta): rule is Rule => typeof (rule as Partial<Rule>).check === 'function';

export const defineRule = (rule: Rule): Rule => rule;
