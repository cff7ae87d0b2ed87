/** Rule metadata and docs as plain data, for formats that describe rules (SARIF). */
import type { Severity } from '../diagnostic/types.ts';

export interface RuleInfo {
  readonly id: string;
  readonly summary: string;
  readonly defaultSeverity: Severity;
}

/** What a rule's `rules/<id>.md` contributes; every field optional. */
export interface RuleDoc {
  /** the "What it does" paragraph (SARIF fullDescription) */
  readonly whatItDoes?: string;
}
export type RuleDocs = ReadonlyMap<string, RuleDoc>;

/**
 * Reads a rule doc: `# id`, a summary paragraph, then `## What it does`, `## Why is this bad?`,
 * `## Fix`… Only the first paragraph of "What it does" becomes the full description; the whole
 * doc is linked (SARIF `helpUri`), not copied into every run.
 */
export function ruleDocFromMarkdown(markdown: string): RuleDoc {
  const text = markdown.replace(/\r\n?/g, '\n');
  const body = text.replace(/^\s*# [^\n]*\n/, '').trim();
  const section = /^## What it does[ \t]*\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(body);
  const paragraph = section?.[1]
    ?.trim()
    .split(/\n[ \t]*\n/)[0]
    ?.split('\n')
    .map((l) => l.trim())
    .join(' ');
  return { whatItDoes: paragraph || undefined };
}
