/** Core diagnostic types (design.md §2.4). Offsets are UTF-16 code units into SourceFile.text. */
import type { Span, TextEdit } from '../syntax/span.ts';

export type { FileId, Span, TextEdit } from '../syntax/span.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Label {
  readonly span: Span;
  readonly message?: string;
  readonly primary: boolean;
}

export type Applicability = 'safe' | 'unsafe' | 'display-only';


export type Fix =
  | {
      readonly kind: 'edit';
      readonly title: string;
      readonly applicability: Applicability;
      readonly edits: readonly TextEdit[];
    }
  | { readonly kind: 'command'; readonly title: string; readonly argv: readonly string[] };

export type RuleId = `${string}/${string}`;

/** What a rule reports: a Diagnostic without the engine-owned fields. */
export interface Finding {
  readonly message: string;
  readonly labels?: readonly Label[];
  readonly notes?: readonly string[];
  readonly help?: readonly string[];
  readonly fix?: Fix;
  /** Override of the rule's default severity, for rules whose severity depends on evidence. */
  readonly severity?: Severity;
  /**
   * The problem behind the finding (e.g. `framework:egui`): findings of different rules with the
   * same cause in one workspace are linked to each other as related.
   */
  readonly cause?: string;
}

/** Another finding from the same cause. */
export interface RelatedFinding {
  readonly ruleId: RuleId;
  readonly message: string;
  /** its primary label's span */
  readonly span?: Span;
}

export interface Diagnostic {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly labels: readonly Label[];
  readonly notes: readonly string[];
  readonly help: readonly string[];
  readonly fix?: Fix;
  /** the cause, scoped to the workspace by the engine */
  readonly cause?: string;
  /** the other findings from the same cause */
  readonly related?: readonly RelatedFinding[];
}
