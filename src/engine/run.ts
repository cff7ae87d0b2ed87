/**
 * The core: config ‖ probes, load → rules → severity → suppressions → related → sort → Report
 * (design.md §2.3). Prints nothing.
 */
import { relative, sep } from 'node:path';
import { settingFor, loadConfig, type Config, type RuleOverride } from '../config/load.ts';
import { dedupe, sortDiagnostics } from '../diagnostic/sort.ts';
import type { Diagnostic, Finding, Label, RuleId, Severity } from '../diagnostic/types.ts';
import { toolSetFrom } from '../probe/stub.ts';
import type { ToolId, ToolSet } from '../probe/types.ts';
import { predictBuilds } from '../analysis/predict.ts';
import { describeEnvironments } from '../analysis/environments.ts';
import { loadProject, resolveRoot, type LoadIssue, type ManifestPeeks } from '../workspace/load.ts';
import type { Workspace } from '../workspace/model.ts';
import { TOOL_NAME, TOOL_VERSION } from '../tool.ts';
import { SourceMap } from '../syntax/source.ts';
import { ToolchainProbes } from './probe-plan.ts';
import { allRules, findRule } from './registry.ts';
import { summarize, type Report } from './report.ts';
import { linkRelated, scopeCause } from './related.ts';
import { applySuppressions } from './suppress.ts';
import { hasCheck, type Rule, type RuleMeta } from '../rule.ts';

export interface DoctorOptions {
  /** directory to check (default: the current directory) */
  readonly dir?: string;
  /** run tools (default true); false gives every tool the `skipped` result */
  readonly probe?: boolean;
  /** use these probe results instead of running tools (`--tools-from`, tests) */
  readonly tools?: ToolSet;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** run only these rules (tests run one rule per scenario) */
  readonly only?: readonly RuleId[];
  /** the rule set (default: every registered rule) */
  readonly rules?: readonly RuleMeta[];
  /** include a rule crash's stack in its note */
  readonly debug?: boolean;
  /** predict which wasm-bindgen each build path runs (Report.builds) */
  readonly explainBuilds?: boolean;
  /** `-A/-W/-D` flags, in command-line order, applied after the config */
  readonly ruleOverrides?: readonly RuleOverride[];
  /** told what the run is doing, for a progress line */
  readonly onProgress?: (message: string) => void;
}

const SKIPPED_ALL: ToolSet = toolSetFrom([]);

export async function doctor(options: DoctorOptions = {}): Promise<Report> {
  const probing = options.tools === undefined && options.probe !== false;
  // The process-running half (execa) loads only when something is probed, while the root is found.
  const prober = probing ? import('../probe/run.ts') : undefined;
  const peeks: ManifestPeeks = new Map();
  const root = await resolveRoot(options.dir ?? process.cwd(), peeks);
  const env = options.env ?? process.env;
  const registry = options.rules ?? allRules();
  const sources = new SourceMap();
  // The config (one small file) comes first: only the tools that enabled rules need are probed.
  const config = await loadConfig(root, sources);
  const setting = (id: string) => settingFor(config, id, options.ruleOverrides);
  const rules = registry.filter((r) => (!options.only || options.only.includes(r.id)) && setting(r.id) !== 'off');
  const toolIds = neededTools(rules);
  const probeTools = (await prober)?.probeTools;
  // Probes spawn synchronously here, so the tools run while the project is read; so do the probes
  // of the rust-toolchain files below the root, started as the loader reads each.
  const rootTools = options.tools ? Promise.resolve(options.tools) : probeTools ? probeTools(toolIds, { cwd: root, env, timeoutMs: options.timeoutMs }) : Promise.resolve(SKIPPED_ALL);
  const toolchains =
    probeTools && toolIds.includes('rustc')
      ? new ToolchainProbes(root, async (cwd) => (await probeTools(['rustc'], { cwd, env, timeoutMs: options.timeoutMs })).get('rustc'), env)
      : undefined;
  const load = loadProject(root, peeks, { sources, exclude: config.exclude.map((e) => e.value), onToolchainFile: toolchains && ((file) => toolchains.add(file)) });
  const [loaded, baseTools] = await Promise.all([load, rootTools]);
  const { project, issues } = loaded;
  const checked = rules.filter(hasCheck);
  const progress = (done: number) => options.onProgress?.(`checking ${project.workspaces.length} project${project.workspaces.length === 1 ? '' : 's'}: rule ${done} of ${checked.length}`);
  progress(0);
  const toolsFor = toolchains ? await toolchains.toolsFor(baseTools) : () => baseTools;

  const diagnostics: Diagnostic[] = [...issues.map(issueFinding), ...configFindings(config, registry, sources)].map(coreDiagnostic);
  let crashed = false;
  for (const [i, rule] of checked.entries()) {
    progress(i + 1);
    for (const workspace of project.workspaces) {
      const found: Diagnostic[] = [];
      try {
        rule.check({ project, workspace, tools: toolsFor(workspace), probed: probing || options.tools !== undefined, report: (f) => found.push(toDiagnostic(rule, scopeCause(f, workspace))) });
        diagnostics.push(...found);
      } catch (e) {
        crashed = true;
        diagnostics.push(...found, coreDiagnostic(crashFinding(rule, workspace, e, options.debug === true)));
      }
    }
  }
  const enabled = new Set(rules.map((r) => r.id as string));
  const settle = (diags: readonly Diagnostic[]) =>
    diags.filter((d) => enabled.has(d.ruleId) || !registry.some((r) => r.id === d.ruleId)).map((d) => withSeverity(d, setting(d.ruleId)));
  const known = registry.map((r) => r.id as string);
  const { kept, suppressed, findings } = applySuppressions(settle(dedupe(diagnostics)), project.sources, { known, active: [...enabled] });
  const sorted = sortDiagnostics(linkRelated([...kept, ...settle(findings.map(coreDiagnostic))]), project.sources);
  const tools = probing || options.tools ? baseTools.all() : [];
  const builds = options.explainBuilds ? { builds: predictBuilds(project, toolsFor), environments: describeEnvironments(project, toolsFor) } : {};
  return { tool: { name: TOOL_NAME, version: TOOL_VERSION }, root, sources: project.sources, tools, projects: project.workspaces.map((w) => relative(root, w.dir).split(sep).join('/') || '.'), diagnostics: sorted, suppressed, summary: summarize(sorted, suppressed.length), crashed, ...builds };
}

function neededTools(rules: readonly RuleMeta[]): ToolId[] {
  const ids = new Set<ToolId>();
  for (const r of rules) for (const n of r.needs) ids.add(n.slice('tool:'.length) as ToolId);
  return [...ids].sort();
}

function toDiagnostic(rule: RuleMeta, f: Finding): Diagnostic {
  const labels: readonly Label[] = f.labels ?? [];
  if (labels.length > 0 && !labels.some((l) => l.primary)) throw new Error(`rule ${rule.id} reported labels without a primary label`);
  if (f.fix && rule.fix === 'none') throw new Error(`rule ${rule.id} declares no fix but reported one`);
  return { ruleId: rule.id, severity: f.severity ?? rule.defaultSeverity, message: f.message, labels, notes: f.notes ?? [], help: f.help ?? [], fix: f.fix, ...(f.cause ? { cause: f.cause } : {}) };
}

function withSeverity(d: Diagnostic, setting: Severity | 'off' | undefined): Diagnostic {
  return setting && setting !== 'off' ? { ...d, severity: setting } : d;
}

/** A finding of wasm-doctor's own, by core rule id. */
type CoreFinding = Finding & { readonly rule: RuleId };

/** Core findings take their severity from the core table, like every rule's findings. */
function coreDiagnostic({ rule, ...finding }: CoreFinding): Diagnostic {
  const meta = findRule(rule);
  if (!meta) throw new Error(`unregistered core rule ${rule}`);
  return toDiagnostic(meta, finding);
}

function issueFinding(issue: LoadIssue): CoreFinding {
  return { rule: issue.rule, message: issue.message, labels: [{ span: { file: issue.file.id, start: issue.offset, end: issue.offset }, primary: true }], notes: issue.notes };
}

function configFindings(config: Config, rules: readonly RuleMeta[], sources: SourceMap): CoreFinding[] {
  const ids = new Set(rules.map((r) => r.id as string));
  const namespaces = new Set(rules.map((r) => r.id.split('/')[0]));
  const out: CoreFinding[] = config.problems.map((p) => ({ rule: 'core/invalid-config', message: p.message, labels: [{ span: p.span, primary: true }] }));
  for (const s of config.settings) {
    const known = s.pattern === '*' || ids.has(s.pattern) || (s.pattern.endsWith('/*') && namespaces.has(s.pattern.slice(0, -2)));
    if (!known) {
      const file = sources.get(s.span.file).path;
      const where = file.endsWith('Cargo.toml') ? `\`[workspace.metadata.wasm-doctor]\` of \`${file}\`` : `\`${file}\``;
      out.push({ rule: 'core/invalid-config', message: `unknown rule \`${s.pattern}\` in ${where}`, labels: [{ span: s.span, primary: true }], help: ['run `wasm-doctor --list-rules` to see every rule id'] });
    }
  }
  return out;
}

function crashFinding(rule: Rule, ws: Workspace, e: unknown, debug: boolean): CoreFinding {
  const err = e instanceof Error ? e : new Error(String(e));
  const notes = [`while checking \`${ws.root.file.path}\``];
  if (debug && err.stack) notes.push(err.stack);
  return { rule: 'core/rule-crashed', message: `rule \`${rule.id}\` crashed: ${err.message}`, notes, help: ['this is a bug in wasm-doctor; please report it with `--debug` output'] };
}
