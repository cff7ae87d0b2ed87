/**
 * Findings from one cause, linked: a `cargo/duplicate-framework` and the `egui/version-mismatch`
 * findings behind it point at each other, while each rule still reports under its own id.
 */
import type { Diagnostic, Finding } from '../diagnostic/types.ts';
import type { Workspace } from '../workspace/model.ts';

/** A cause is a cause within one workspace: the same framework split in two workspaces is two problems. */
export function scopeCause(f: Finding, ws: Workspace): Finding {
  return f.cause ? { ...f, cause: `${ws.dir}\0${f.cause}` } : f;
}

/** Each finding with a cause gets the findings of other rules with the same cause as `related`. */
export function linkRelated(diags: readonly Diagnostic[]): Diagnostic[] {
  const byCause = new Map<string, Diagnostic[]>();
  for (const d of diags) if (d.cause) byCause.set(d.cause, [...(byCause.get(d.cause) ?? []), d]);
  if (byCause.size === 0) return [...diags];
  return diags.map((d) => {
    const others = (d.cause ? (byCause.get(d.cause) ?? []) : []).filter((o) => o.ruleId !== d.ruleId);
    return others.length === 0 ? d : { ...d, related: others.map((o) => ({ ruleId: o.ruleId, message: o.message, span: o.labels.find((l) => l.primary)?.span })) };
  });
}
