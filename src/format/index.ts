/** Format name → formatter, all with one signature (design.md §2.10, integrations.md §5.2). */
import type { Report } from '../engine/report.ts';
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import type { RuleDocs, RuleInfo } from './rule-docs.ts';
import { formatSarif } from './sarif.ts';
import { formatText } from './text.ts';

export interface FormatEnv {
  /** ANSI colour; only the text format uses it (machine formats are never coloured) */
  readonly color: boolean;
  /** GITHUB_WORKSPACE (or the repository root): github and sarif paths are made relative to it */
  readonly workspace?: string;
  /** every rule's id, summary and default severity, for SARIF's rule list */
  readonly rules?: readonly RuleInfo[];
  /** parsed `rules/<id>.md` docs for SARIF rule descriptions (optional) */
  readonly ruleDocs?: RuleDocs;
  /** JSON: list suppressed findings too (`--show-suppressed`) */
  readonly showSuppressed?: boolean;
  /** SARIF `automationDetails.id` (`--sarif-category`) */
  readonly sarifCategory?: string;
}

export type Formatter = (report: Report, env: FormatEnv) => string;

export const FORMATS = {
  text: (report, env) => formatText(report, { color: env.color }),
  json: (report, env) => formatJson(report, { showSuppressed: env.showSuppressed }),
  github: (report, env) => formatGithub(report, { workspace: env.workspace }),
  sarif: (report, env) => formatSarif(report, { workspace: env.workspace, rules: env.rules ?? [], ruleDocs: env.ruleDocs, category: env.sarifCategory }),
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATS;

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

