/**
 * The Action as the runner starts it: `node dist/action.js` (the bundle global-setup builds from
 * the same sources as the committed one, which .ci/run keeps identical) with GITHUB_ACTIONS,
 * GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and INPUT_* set, on fixture projects.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FAIL_ON, splitArgs } from '../src/action.ts';

const REPO = join(import.meta.dirname, '..');
const FIXTURES = join(REPO, 'fixtures');

interface ActionRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly summary: string;
  readonly outputs: Record<string, string>;
  readonly workspace: string;
}

/** Copies fixture projects into a fresh workspace and runs the action there with `inputs`. */
function runAction(projects: Record<string, string>, inputs: Record<string, string>): ActionRun {
  const workspace = mkdtempSync(join(tmpdir(), 'wd-action-'));
  for (const [name, fixture] of Object.entries(projects)) cpSync(join(FIXTURES, fixture), join(workspace, name), { recursive: true });
  const summaryFile = join(workspace, '..', `${workspace.split('/').at(-1)}.summary.md`);
  const outputFile = join(workspace, '..', `${workspace.split('/').at(-1)}.output`);
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = {
    PATH: '/nonexistent',
    HOME: tmpdir(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [join(dirname(inject('cliPath')), 'action.js')], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: r.status, stdout: r.stdout, summary: readFileSync(summaryFile, 'utf8'), outputs, workspace };
}

const ERROR_AND_WARNING = 'wasm-bindgen/cli-unpinned/fail-cargo-install';
const WARNING_ONLY = 'cargo/duplicate-framework/fail-members-on-different-lines';
const CLEAN = '_e2e/clean-app';

describe('the Action entry', () => {
  test('annotates, summarises, writes outputs and SARIF, and fails on errors', () => {
    const r = runAction({ app: ERROR_AND_WARNING }, { path: 'app', probe: 'false', 'sarif-file': 'reports/wd.sarif', summary: 'true' });
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.startsWith('::error file=app/'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('::warning file=app/'))).toHaveLength(1);
    expect(lines.at(-1)).toBe('wasm-doctor: 1 error, 1 warning');
    expect(r.outputs).toEqual({ errors: '1', warnings: '1', 'sarif-file': join(r.workspace, 'reports', 'wd.sarif') });
    const sarif = JSON.parse(readFileSync(join(r.workspace, 'reports', 'wd.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(2);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^app\//);
    expect(sarif.runs[0]).not.toHaveProperty('automationDetails');
    // the job summary: a table row per finding, the rules' code spans as Markdown code
    expect(r.summary).toMatch(/^## wasm-doctor\n\n\*\*1 error\*\*, \*\*1 warning\*\*/);
    expect(r.summary).toMatch(/\| error \| `wasm-bindgen\/[a-z-]+` \| [^|]+ \| [^\n]*`[^`\\]+`[^\n]*<br>\*\*(note|help):\*\* /);
    expect(r.summary).not.toContain('\\`');
  });

  test('passes `args` through the CLI options: a SARIF category, tools from a file', () => {
    const r = runAction({ app: CLEAN }, { path: 'app', args: "--tools-from app/tools.json --sarif-category 'wasm-doctor/web app'", 'sarif-file': 'wd.sarif', summary: 'false' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('wasm-doctor: no problems found\n');
    expect(r.summary).toBe('');
    expect(r.outputs).toEqual({ errors: '0', warnings: '0', 'sarif-file': join(r.workspace, 'wd.sarif') });
    expect(JSON.parse(readFileSync(join(r.workspace, 'wd.sarif'), 'utf8')).runs[0].automationDetails).toEqual({ id: 'wasm-doctor/web app' });
  });

  test('`args: --fix` fixes, logs what it wrote as plain text, and reports what remains', () => {
    const r = runAction({ app: 'wasi/target-renamed/fail-rust-toolchain-stable' }, { path: 'app', probe: 'false', args: '--fix' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('wasm-doctor: no problems found\nwasm-doctor: fixed 1 problem in `rust-toolchain.toml`\n');
    expect(r.outputs.errors).toBe('0');
    expect(readFileSync(join(r.workspace, 'app', 'rust-toolchain.toml'), 'utf8')).toContain('"wasm32-wasip1"');
  });

  test.each([
    ['error', 0],
    ['warning', 1],
    ['never', 0],
  ])('fail-on %s with warnings only exits %i', (failOn, status) => {
    const r = runAction({ app: WARNING_ONLY }, { path: 'app', probe: 'false', 'fail-on': failOn });
    expect(r.outputs.warnings).toBe('1');
    expect(r.outputs.errors).toBe('0');
    expect(r.status).toBe(status);
    if (status === 1) expect(r.stdout).toContain('::error title=wasm-doctor::1 warning with fail-on: warning');
  });

  test('fail-on never passes with errors', () => {
    expect(runAction({ app: ERROR_AND_WARNING }, { path: 'app', probe: 'false', 'fail-on': 'never' }).status).toBe(0);
  });

  test.each([
    [{ 'fail-on': 'sometimes' }, 'input `fail-on` must be one of error, warning, never, got `sometimes`'],
    [{ probe: 'yes' }, 'input `probe` must be true or false, got `yes`'],
    [{ args: '--bogus' }, 'Unknown argument: bogus'],
    [{ args: '"unclosed' }, 'input `args` has an unclosed "'],
    [{ path: 'missing' }, 'is not a directory'],
  ])('bad input %o fails with exit 2 and an error annotation', (inputs, message) => {
    const r = runAction({ app: CLEAN }, { probe: 'false', ...inputs });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error title=wasm-doctor::wasm-doctor failed: /);
    expect(r.stdout).toContain(message);
    expect(r.outputs).toEqual({});
  });
});

describe('action.yml', () => {
  const meta = parseYaml(readFileSync(join(REPO, 'action.yml'), 'utf8'));

  test('is a node24 JavaScript action whose main is a committed bundle file', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    expect(existsSync(join(REPO, meta.runs.main))).toBe(true);
  });

  test('declares the inputs and outputs the entry reads and writes', () => {
    expect(Object.keys(meta.inputs).sort()).toEqual(['args', 'fail-on', 'path', 'probe', 'sarif-file', 'summary']);
    expect(Object.keys(meta.outputs).sort()).toEqual(['errors', 'sarif-file', 'warnings']);
    expect(meta.inputs['fail-on'].default).toBe(FAIL_ON[0]);
    for (const input of Object.values<Record<string, string>>(meta.inputs)) expect(input.description).toBeTruthy();
  });
});

describe('splitArgs', () => {
  test('splits like shell words without expanding anything', () => {
    expect(splitArgs('')).toEqual([]);
    expect(splitArgs('  --max-warnings 5\n--quiet ')).toEqual(['--max-warnings', '5', '--quiet']);
    expect(splitArgs(`--sarif-category 'a b' "c \\"d\\"" e\\ f '' $HOME`)).toEqual(['--sarif-category', 'a b', 'c "d"', 'e f', '', '$HOME']);
  });
});
