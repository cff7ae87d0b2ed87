/** `wasm-doctor check`: run the doctor, apply fixes when asked, render, decide the exit code. */
import { appendFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { doctor, type DoctorOptions } from '../engine/run.ts';
import { loadRuleDocs, ruleCatalog } from './docs.ts';
import type { Report } from '../engine/report.ts';
import { unifiedDiff } from '../fix/diff.ts';
import { planFixes } from '../fix/plan.ts';
import { writeChanges } from '../fix/write.ts';
import { shellJoin } from '../diagnostic/build.ts';
import { formatBuilds } from '../format/builds.ts';
import { formatJobSummary } from '../format/github.ts';
import { FORMATS, type FormatName } from '../format/index.ts';
import { formatStatistics } from '../format/statistics.ts';
import { toolSetFrom } from '../probe/stub.ts';

export interface CheckOptions extends DoctorOptions {
  readonly format: FormatName;
  readonly color: boolean;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  /** apply (or show) `unsafe` edit fixes too */
  readonly unsafeFixes: boolean;
  readonly maxWarnings: number;
  readonly outputFile?: string;
  readonly quiet: boolean;
  /** JSON: list suppressed findings too */
  readonly showSuppressed?: boolean;
  /** text: counts per rule instead of the findings */
  readonly statistics?: boolean;
  /** SARIF `automationDetails.id`; only set when the user names a category */
  readonly sarifCategory?: string;
  readonly workspace?: string;
  /** `$GITHUB_STEP_SUMMARY`: `--format github` appends the job summary there */
  readonly stepSummary?: string;
}

export interface CheckResult {
  readonly exitCode: number;
  /** what goes to stdout (empty when written to `-o`) */
  readonly stdout: string;
  /** progress and fix summaries, for stderr */
  readonly stderr: string;
  /** the report after fixing, every severity (for the Action's summary, outputs and SARIF) */
  readonly report: Report;
}

/** Fixes can enable further fixes; a few passes always converge for edits that only rename. */
const MAX_FIX_PASSES = 5;

export async function check(opts: CheckOptions): Promise<CheckResult> {
  let report = await doctor(opts);
  const notes: string[] = [];
  let diff = '';
  if (opts.fixDryRun) {
    const plan = planFixes(report, opts.unsafeFixes);
    if (!plan.ok) notes.push(`wasm-doctor: ${plan.message}`);
    else diff = unifiedDiff(plan.changes);
  } else if (opts.fix) {
    const rerun: DoctorOptions = { ...opts, tools: opts.tools ?? (report.tools.length > 0 ? toolSetFrom(report.tools) : undefined) };
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const plan = planFixes(report, opts.unsafeFixes);
      if (!plan.ok) {
        notes.push(`wasm-doctor: ${plan.message}`);
        break;
      }
      if (plan.changes.length === 0) break;
      const { written, refused } = writeChanges(report.root, plan.changes);
      notes.push(...refused.map((r) => `wasm-doctor: ${r}`));
      if (written.length === 0) break;
      notes.push(`wasm-doctor: fixed ${plan.fixed.length} problem${plan.fixed.length === 1 ? '' : 's'} in ${written.map((p) => `\`${p}\``).join(', ')}`);
      report = await doctor(rerun);
    }
  }
  const shown = opts.quiet ? { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === 'error') } : report;
  const sarif = opts.format === 'sarif' ? { rules: ruleCatalog(), ruleDocs: loadRuleDocs(), sarifCategory: opts.sarifCategory } : {};
  const rendered = opts.statistics ? formatStatistics(shown, { color: opts.color }) : FORMATS[opts.format](shown, { color: opts.color, workspace: opts.workspace, showSuppressed: opts.showSuppressed, ...sarif });
  // The build table is for people; the JSON report keeps its fixed contract.
  const builds = opts.format === 'text' && report.builds ? `\n${formatBuilds(report)}` : '';
  const body = rendered + builds;
  if (opts.fix) notes.push(...commandBlock(report));
  if (opts.outputFile) writeOrRefuse(opts.outputFile, body, '--output-file', writeFileSync);
  if (opts.stepSummary) writeOrRefuse(opts.stepSummary, `${formatJobSummary(shown)}\n`, 'GITHUB_STEP_SUMMARY', appendFileSync);
  // A dry run's stdout is the patch alone (`wasm-doctor --fix-dry-run | git apply`); the report goes to stderr.
  const stdout = opts.fixDryRun ? diff : opts.outputFile ? '' : body;
  const stderr = notes.map((n) => `${n}\n`).join('') + (opts.fixDryRun && !opts.outputFile ? body : '');
  return { exitCode: exitCode(report, opts.maxWarnings), stdout, stderr, report };
}

/** The command fixes left after `--fix`, never run by wasm-doctor: one block to copy into a shell. */
function commandBlock(report: Report): string[] {
  const commands = [...new Set(report.diagnostics.flatMap((d) => (d.fix?.kind === 'command' ? [shellJoin(d.fix.argv)] : [])))];
  return commands.length === 0 ? [] : [`wasm-doctor: ${commands.length === 1 ? 'this command fixes' : 'these commands fix'} what remains (not run; review, then paste):`, ...commands];
}

/** A file that cannot be written is the user's to fix (a path, a permission), not an internal error. */
function writeOrRefuse(path: string, text: string, what: string, write: (path: string, text: string, encoding: 'utf8') => void): void {
  try {
    write(path, text, 'utf8');
  } catch (e) {
    throw new UsageError(`\`${what}\`: cannot write \`${path}\`: ${(e as Error).message}`);
  }
}

export function exitCode(report: Report, maxWarnings: number): number {
  if (report.crashed) return 2;
  if (report.summary.errors > 0) return 1;
  if (maxWarnings >= 0 && report.summary.warnings > maxWarnings) return 1;
  return 0;
}
