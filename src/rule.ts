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

export interface Rule {
  readonly id: RuleId;
  readonly summary: string;
  readonly defaultSeverity: Severity;
  readonly fix: FixAvailability;
  /** tools to probe for this rule; the rule runs whatever the probe result */
  readonly needs: readonly Need[];
  /** wasm-doctor's own diagnostics (`core/*`) are emitted by the engine, not by `check` */
  readonly engine?: boolean;
  check(ctx: RuleContext): void;
}

export const defineRule = (rule: Rule): Rule => rule;
