/**
 * GitHub Actions workflows: `run:` scripts, the actions that install Rust toolchains and wasm
 * tools, env variables at workflow/job/step level and literal matrix values.
 */
import { resolve } from 'node:path';
import type { FileId, Span, Located } from '../syntax/span.ts';
import type { CiConfig, CiContext } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import { rustImageToolchain } from './dockerfile.ts';
import { attach, classify, CRATE_TOOLS, emptyFindings, looksLikeTriple, mark, mergeCi, scanShell, scanTargetPaths, withRustupToolchain, type ShellFindings } from './shell.ts';
import { expand, locatedOf, spanOf, splitList, wordOf, type Vars, type Word } from '../syntax/shell/words.ts';
import { asMap, asScalar, asSeq, entry, get, type YMap, type YScalar, type YValue } from '../syntax/yaml/yaml.ts';

/** Inputs of any action that hold a shell command (nick-fields/retry `command`, ...). */
const COMMAND_INPUTS = new Set(['command', 'commands', 'run', 'script', 'shell-command']);
/** Keys whose strings are conditions or labels, never paths. */
const NOT_PATHS = new Set(['if', 'name', 'description', 'run', 'uses', 'runs-on', 'key', 'restore-keys', 'env']);

/** A local composite action (`uses: ./.github/actions/setup`), by its absolute directory. */
export interface LocalAction {
  readonly file: SourceFile;
  readonly root: YValue | undefined;
}
export type LocalActions = ReadonlyMap<string, LocalAction>;

/** `./dir` references of `uses:` in a workflow's or a composite action's steps. */
export function localActionRefs(root: YValue | undefined): string[] {
  const steps = [...(asMap(get(root, 'jobs'))?.entries ?? []).flatMap((j) => asSeq(get(j.value, 'steps'))?.items ?? []), ...(asSeq(get(root, 'runs', 'steps'))?.items ?? [])];
  // A `./…/x.yml` is a reusable workflow, not an action directory.
  return steps.map((s) => asScalar(entry(asMap(s), 'uses'))?.region.text.trim()).filter((u): u is string => u !== undefined && u.startsWith('./') && !/\.ya?ml$/.test(u));
}

/**
 * `repoDir` is the checkout the workflow runs in (the directory holding `.github/`); `actions` are
 * the local composite actions its steps use, whose steps run as part of the job.
 */
export function readWorkflow(file: SourceFile, root: YValue | undefined, repoDir: string, actions: LocalActions = new Map()): CiConfig {
  const jobs = asMap(get(root, 'jobs'));
  if (!jobs) return { pins: [], targets: [], builds: [], calls: [] };
  const wfEnv = envVars(file.id, get(root, 'env'), new Map());
  const wfDir = asScalar(get(root, 'defaults', 'run', 'working-directory'));
  const wfEnvNode = get(root, 'env');
  const wfScope = wfEnvNode ? [wfEnvNode.span] : [];
  return mergeCi(jobs.entries.map((j) => readJob(file, j.key, asMap(j.value), { repoDir, actions }, { vars: wfEnv, scope: wfScope }, wfDir)));
}

/** Environment variables of the workflow, and the text that sets them. */
interface WorkflowEnv {
  readonly vars: Vars;
  readonly scope: readonly Span[];
}

interface Checkout {
  readonly repoDir: string;
  readonly actions: LocalActions;
}

function readJob(file: SourceFile, id: string, job: YMap | undefined, checkout: Checkout, wf: WorkflowEnv, wfDir: YScalar | undefined): CiConfig {
  if (!job) return { pins: [], targets: [], builds: [], calls: [] };
  const matrix = matrixVars(get(job, 'strategy', 'matrix'));
  const wfEnv = wf.vars;
  const jobVars: Vars = new Map([...wfEnv, ...matrix, ...envVars(file.id, get(job, 'env'), new Map([...wfEnv, ...matrix]))]);
  const defaultDir = asScalar(get(job, 'defaults', 'run', 'working-directory')) ?? wfDir;
  const found = emptyFindings();
  const image = asScalar(get(job, 'container', 'image')) ?? asScalar(get(job, 'container'));
  const fromImage = image ? rustImageToolchain(file.id, wordOf(image.region), jobVars) : undefined;
  if (fromImage) found.toolchains.push(fromImage);
  for (const step of asSeq(get(job, 'steps'))?.items ?? []) readStep(file.id, asMap(step), checkout, jobVars, defaultDir, found, new Set());
  const rustupToolchain = single(jobVars.get('RUSTUP_TOOLCHAIN'));
  const context: CiContext = { source: 'workflow', file, job: id, toolchains: found.toolchains, scope: [...wf.scope, job.span], ...(rustupToolchain ? { rustupToolchain } : {}) };
  return attach(found, context);
}

/** A variable's value when it has exactly one (a matrix can give it several). */
const single = (values: readonly Located<string>[] | undefined): Located<string> | undefined => (values?.length === 1 ? values[0] : undefined);

/** `used`: the local actions this step is inside of (a composite action that uses itself is read once). */
function readStep(file: FileId, step: YMap | undefined, checkout: Checkout, jobVars: Vars, defaultDir: YScalar | undefined, found: ShellFindings, used: ReadonlySet<string>): void {
  if (!step) return;
  const repoDir = checkout.repoDir;
  const stepVars = envVars(file, entry(step, 'env'), jobVars);
  const vars: Vars = new Map([...jobVars, ...stepVars]);
  const before = mark(found);
  const run = asScalar(entry(step, 'run'));
  const dirValue = asScalar(entry(step, 'working-directory')) ?? defaultDir;
  const dir = workingDir(repoDir, dirValue, vars);
  if (run) scanShell(run.region, { file, ...dir, vars }, found);
  const uses = asScalar(entry(step, 'uses'));
  const inputs = asMap(entry(step, 'with'));
  if (uses) readAction(file, uses, inputs, vars, { dir: repoDir, dirExplicit: false }, found);
  for (const e of inputs?.entries ?? []) {
    const v = asScalar(e.value);
    if (!v) continue;
    if (COMMAND_INPUTS.has(e.key)) scanShell(v.region, { file, dir: repoDir, dirExplicit: false, vars }, found);
    else if (!NOT_PATHS.has(e.key)) scanTargetPaths(v.region, vars, { dir: repoDir, dirExplicit: false }, found);
  }
  withRustupToolchain(found, before, single(stepVars.get('RUSTUP_TOOLCHAIN')));
  const local = uses?.region.text.trim().startsWith('./') ? resolve(repoDir, uses.region.text.trim()) : undefined;
  const action = local && !used.has(local) ? checkout.actions.get(local) : undefined;
  // A composite action's steps run in the job, in the checkout, with the job's environment.
  if (!local || !action) return;
  for (const s of asSeq(get(action.root, 'runs', 'steps'))?.items ?? []) readStep(action.file.id, asMap(s), checkout, jobVars, undefined, found, new Set([...used, local]));
}

function workingDir(repoDir: string, value: YScalar | undefined, vars: Vars): { dir: string; dirExplicit: boolean } {
  const v = value ? expand(wordOf(value.region), vars)[0] : undefined;
  const text = v?.text.trim();
  if (!v || v.dynamic || !text) return { dir: repoDir, dirExplicit: false };
  return { dir: resolve(repoDir, text), dirExplicit: true };
}

/** Actions that install a toolchain or a wasm tool. */
function readAction(file: FileId, uses: YScalar, inputs: YMap | undefined, vars: Vars, where: { dir: string; dirExplicit: boolean }, found: ShellFindings): void {
  const text = uses.region.text;
  const lead = text.length - text.trimStart().length;
  const at = text.indexOf('@');
  const action = (at < 0 ? text.slice(lead) : text.slice(lead, at)).trim().toLowerCase();
  const ref = at < 0 ? undefined : wordOf(uses.region, at + 1, text.trimEnd().length);
  const input = (name: string): Word[] | undefined => {
    const v = asScalar(entry(inputs, name));
    if (!v) return undefined;
    const r = v.region;
    const start = r.text.length - r.text.trimStart().length;
    return expand(wordOf(r, start, r.text.trimEnd().length), vars);
  };
  const base = { via: action, span: uses.span, ...where };
  const flag = (name: string): string | undefined => asScalar(entry(inputs, name))?.region.text.trim();
  /** actions-rs/toolchain runs `rustup override set` with `override: true`; setup-rust-toolchain does by default when given a toolchain. */
  const overrides = action === 'actions-rs/toolchain' ? flag('override') === 'true' : action === 'actions-rust-lang/setup-rust-toolchain' && flag('override') !== 'false';
  const rustToolchain = (names: Word[] | undefined, targets: (Word[] | undefined)[]) => {
    for (const n of names ?? []) {
      const version = n.dynamic ? undefined : locatedOf(file, n);
      if (!version || !/^(?:stable|beta|nightly|\d)/.test(version.value)) continue;
      if (overrides) found.overrides.push({ toolchain: version, dir: where.dir });
      else found.toolchains.push(version);
      found.pins.push({ ...base, tool: 'rust', pin: /^\d|-\d{4}-/.test(version.value) ? 'exact' : 'latest', version });
    }
    for (const t of targets) for (const w of t ?? []) for (const item of splitList(w)) addInputTarget(file, item, where, found);
  };
  switch (action) {
    case 'dtolnay/rust-toolchain':
      return rustToolchain(input('toolchain') ?? (ref ? [ref] : undefined), [input('targets'), input('target')]);
    case 'actions-rs/toolchain':
    case 'actions-rust-lang/setup-rust-toolchain':
      return rustToolchain(input('toolchain')?.flatMap(splitList), [input('target'), input('targets')]);
    case 'jetli/wasm-bindgen-action':
      return actionPin(file, 'wasm-bindgen', input('version'), base, found);
    case 'jetli/trunk-action':
      return actionPin(file, 'trunk', input('version'), base, found);
    case 'jetli/wasm-pack-action':
      return actionPin(file, 'wasm-pack', input('version'), base, found);
    case 'taiki-e/install-action': {
      const tools = input('tool') ?? (ref && !/^(?:v\d|main$|[0-9a-f]{40}$)/.test(ref.text) ? [ref] : []);
      for (const w of tools) for (const item of splitList(w)) installActionItem(file, item, base, found);
      return;
    }
    default:
      return;
  }
}

type PinBase = { via: string; span: Span; dir: string; dirExplicit: boolean };

function actionPin(file: FileId, tool: 'wasm-bindgen' | 'trunk' | 'wasm-pack', versions: Word[] | undefined, base: PinBase, found: ShellFindings): void {
  if (!versions || versions.length === 0) {
    found.pins.push({ ...base, tool, pin: 'latest' });
    return;
  }
  for (const v of versions) found.pins.push({ ...base, tool, ...classify(file, v) });
}

/** taiki-e/install-action `tool: wasm-bindgen@0.2.93, trunk` items. */
function installActionItem(file: FileId, item: Word, base: PinBase, found: ShellFindings): void {
  const at = item.text.indexOf('@');
  const name = at < 0 ? item.text : item.text.slice(0, at);
  const tool = name === 'wasm-bindgen' ? 'wasm-bindgen' : CRATE_TOOLS.get(name);
  if (!tool) return;
  const own = item.dynamic ? undefined : spanOf(file, item, 0, at < 0 ? item.text.length : at);
  const named = own ? { name: own } : {};
  if (at < 0) {
    found.pins.push({ ...base, ...named, tool, pin: 'latest', ...(own ? { versionInsert: { at: own.end, style: 'at' as const } } : {}) });
    return;
  }
  const v: Word = { text: item.text.slice(at + 1), offs: item.offs.slice(at + 1), dynamic: item.dynamic };
  found.pins.push({ ...base, ...named, tool, ...classify(file, v) });
}

function addInputTarget(file: FileId, w: Word, where: { dir: string; dirExplicit: boolean }, found: ShellFindings): void {
  if (w.dynamic || !looksLikeTriple(w.text)) return;
  const span = spanOf(file, w);
  if (span) found.targets.push({ target: w.text, span, kind: 'action-input', ...where });
}

/** `env:` maps: each value, with `${{ matrix.x }}` and other env vars expanded. */
function envVars(file: FileId, env: YValue | undefined, base: Vars): Map<string, Located<string>[]> {
  const out = new Map<string, Located<string>[]>();
  for (const e of asMap(env)?.entries ?? []) {
    const v = asScalar(e.value);
    if (!v) continue;
    const r = v.region;
    const start = r.text.length - r.text.trimStart().length;
    const values = expand(wordOf(r, start, r.text.trimEnd().length), base)
      .filter((w) => !w.dynamic)
      .map((w) => locatedOf(file, w))
      .filter((l): l is Located<string> => l !== undefined);
    if (values.length > 0) out.set(e.key, values);
  }
  return out;
}

/** `strategy.matrix` values by path (`matrix.target`, `matrix.rust.toolchain`), `include` rows too. */
function matrixVars(matrix: YValue | undefined): Map<string, Located<string>[]> {
  const out = new Map<string, Located<string>[]>();
  const add = (path: string, v: YValue | undefined) => {
    if (v?.kind === 'scalar') {
      const list = out.get(path) ?? [];
      list.push(literal(v));
      out.set(path, list);
    } else if (v?.kind === 'map') for (const e of v.entries) add(`${path}.${e.key}`, e.value);
  };
  for (const e of asMap(matrix)?.entries ?? []) {
    if (e.key === 'exclude') continue;
    if (e.key === 'include') {
      for (const row of asSeq(e.value)?.items ?? []) for (const r of asMap(row)?.entries ?? []) add(`matrix.${r.key}`, r.value);
      continue;
    }
    for (const item of asSeq(e.value)?.items ?? []) add(`matrix.${e.key}`, item);
  }
  return out;
}

/** A scalar as a located literal, surrounding blanks excluded. */
function literal(v: YScalar): Located<string> {
  const t = v.region.text;
  const start = t.length - t.trimStart().length;
  const end = t.trimEnd().length;
  return { value: t.slice(start, end), span: { file: v.span.file, start: v.region.base + start, end: v.region.base + Math.max(start, end) } };
}
