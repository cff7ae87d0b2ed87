/** The user's decisions on the command line (issue 12): bad values refused, -A/-W/-D, suppressions, big repositories. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, copyFixture, treeHash } from './helpers/cli.ts';
import { FIXTURES } from './helpers/scenarios.ts';

const ROOT = join(import.meta.dirname, '..');
const DOCKERFILE = join(FIXTURES, 'wasi', 'target-renamed', 'fail-dockerfile');
const SUPPRESSED = join(FIXTURES, 'wasi', 'target-renamed', 'pass-suppressed-toml-trailing');
const MONOREPO = join(FIXTURES, '_e2e', 'monorepo');

describe('bad arguments are usage errors naming the flag', () => {
  test.each([
    [['--timeout', 'abc'], '--timeout'],
    [['--timeout', '-5'], '--timeout'],
    [['--timeout', '1.5'], '--timeout'],
    [['--timeout', '0'], '--timeout'],
    [['--max-warnings', 'foo'], '--max-warnings'],
    [['--max-warnings', '-1'], '--max-warnings'],
    [['--max-warnings', '2.5'], '--max-warnings'],
    [['-o', '/nonexistent/dir/report.txt'], '--output-file'],
    [['-A', 'nope/nothing'], '-A'],
    [['-W', 'nope/*'], '-W'],
    [['--deny'], '--deny'],
    [['--statistics', '--format', 'json'], '--statistics'],
  ])('%j', (args, flag) => {
    const r = cli([DOCKERFILE, '--no-probe', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wasm-doctor: error: .*\n$/);
    expect(r.stderr).toContain(`\`${flag}\``);
  });

  test('-o into a missing directory says so', () => {
    expect(cli([DOCKERFILE, '--no-probe', '-o', '/nonexistent/dir/report.txt']).stderr).toBe('wasm-doctor: error: `--output-file`: directory `/nonexistent/dir` does not exist\n');
  });

  test.each([
    [['--manifest-path', '/nonexistent/Cargo.toml']],
    [['--manifest-path', join(ROOT, 'README.md')]],
    [['--manifest-path', join(DOCKERFILE, 'Cargo.toml'), DOCKERFILE]],
  ])('--manifest-path %j', (args) => {
    const r = cli(['--no-probe', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^wasm-doctor: error: .*--manifest-path.*\n$/);
  });
});

describe('arguments', () => {
  test('--manifest-path takes a Cargo.toml as cargo does', () => {
    const r = cli(['--no-probe', '--manifest-path', join(DOCKERFILE, 'Cargo.toml'), '--format', 'json']);
    expect(JSON.parse(r.stdout).root).toBe(DOCKERFILE);
  });

  test('-o never colours the file, even when FORCE_COLOR is set', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wd-out-')), 'report.txt');
    cli([DOCKERFILE, '--no-probe', '-o', out], { env: { FORCE_COLOR: '1' } });
    expect(readFileSync(out, 'utf8')).toContain('error[wasi/target-renamed]');
    expect(readFileSync(out, 'utf8')).not.toContain('\u001b[');
  });

  test('-A/-W/-D apply after the config and the last one typed wins', () => {
    expect(cli([DOCKERFILE, '--no-probe', '-A', 'wasi/*']).stdout).toBe('no problems found\n');
    const warned = cli([DOCKERFILE, '--no-probe', '-D', 'wasi/target-renamed', '-W', 'wasi/*']);
    expect(warned.status).toBe(0);
    expect(warned.stdout).toContain('found 0 errors, 3 warnings');
    const denied = cli([DOCKERFILE, '--no-probe', '--warn=wasi/*', '-Dwasi/target-renamed']);
    expect(denied.status).toBe(1);
    expect(denied.stdout).toContain('found 3 errors, 0 warnings');
  });

  test('-A beats a severity set in wasm-doctor.toml', () => {
    const dir = copyFixture(DOCKERFILE);
    writeFileSync(join(dir, 'wasm-doctor.toml'), '[rules]\n"wasi/target-renamed" = "error"\n');
    expect(cli([dir, '--no-probe', '-A', 'wasi/*']).stdout).toBe('no problems found\n');
  });

  test('--statistics counts findings per rule', () => {
    expect(cli([DOCKERFILE, '--no-probe', '--statistics']).stdout).toBe('3  error    wasi/target-renamed  (2 fixable with `--fix`)\n\nfound 3 errors, 0 warnings; 2 fixable with `--fix`\n');
  });

  test('a probe that timed out is stated in the text report', () => {
    const dir = copyFixture(join(FIXTURES, '_e2e', 'clean-app'));
    writeFileSync(join(dir, 'tools.json'), JSON.stringify({ 'wasm-bindgen': { error: 'timeout', detail: 'no answer within 10000 ms' } }));
    const r = cli([dir, '--tools-from', join(dir, 'tools.json')]);
    expect(r.stdout).toContain('info: `wasm-bindgen --version` timed out (no answer within 10000 ms): checks that need wasm-bindgen did not see it; raise `--timeout`\n');
  });

  test('--format github writes the job summary when GITHUB_STEP_SUMMARY is set', () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'wd-summary-')), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    cli([DOCKERFILE, '--no-probe', '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## wasm-doctor\n')).toBe(true);
    expect(text).toContain('| error | `wasi/target-renamed` | Dockerfile:4:23 |');
  });
});

describe('suppressions', () => {
  test('counted in the summary; listed in JSON only with --show-suppressed', () => {
    expect(cli([SUPPRESSED, '--no-probe']).stdout).toBe('no problems found (1 suppressed)\n');
    const plain = JSON.parse(cli([SUPPRESSED, '--no-probe', '--format', 'json']).stdout);
    expect(plain.diagnostics).toEqual([]);
    expect(plain.summary.suppressed).toBe(1);
    const shown = JSON.parse(cli([SUPPRESSED, '--no-probe', '--format', 'json', '--show-suppressed']).stdout);
    expect(shown.diagnostics).toHaveLength(1);
    expect(shown.diagnostics[0]).toMatchObject({ rule: 'wasi/target-renamed', file: '.cargo/config.toml', line: 2, suppressed: { reason: 'deployed on a runtime that still ships the old target name' } });
  });

  test('fixes never touch a suppressed finding', () => {
    const dir = copyFixture(SUPPRESSED);
    const before = treeHash(dir);
    cli([dir, '--no-probe', '--fix', '--unsafe-fixes']);
    expect(treeHash(dir)).toBe(before);
  });
});

describe('big repositories', () => {
  test('findings are grouped per project with totals and an overview', async () => {
    const r = cli([MONOREPO, '--no-probe']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    await expect(r.stdout).toMatchFileSnapshot('__snapshots__/grouped-monorepo.txt');
  });

  test('a duplicated framework and the version mismatch behind it point at each other', () => {
    const dir = join(FIXTURES, 'cargo', 'duplicate-framework', 'fail-egui-through-eframe');
    const text = cli([dir, '--no-probe']).stdout;
    expect(text).toContain('= note: related: egui/version-mismatch at Cargo.toml:8:8\n');
    expect(text).toContain('= note: related: cargo/duplicate-framework at Cargo.lock:17:11\n');
    const json = JSON.parse(cli([dir, '--no-probe', '--format', 'json']).stdout);
    const dup = json.diagnostics.find((d: { rule: string }) => d.rule === 'cargo/duplicate-framework');
    expect(dup.related).toContainEqual({ rule: 'egui/version-mismatch', file: 'Cargo.toml', line: 8, column: 8, endLine: 8, endColumn: 14, message: '`egui` `0.31` does not match the other egui crates of `viewer` at `0.34`' });
  });

  test('only the configuration at the report root is read, not one above it', () => {
    const parent = mkdtempSync(join(tmpdir(), 'wd-parent-'));
    cpSync(DOCKERFILE, join(parent, 'app'), { recursive: true });
    writeFileSync(join(parent, 'wasm-doctor.toml'), 'exclude = ["app"]\n');
    expect(cli([join(parent, 'app'), '--no-probe']).stdout).toContain('error[wasi/target-renamed]');
    expect(cli([parent, '--no-probe']).stdout).toBe('no problems found\n');
  });

  test('this repository is clean: its wasm-doctor.toml excludes fixtures/', () => {
    const r = cli([ROOT, '--no-probe']);
    expect(r.stdout).toBe('no problems found\n');
    expect(r.status).toBe(0);
  });
});
