import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { cli, copyFixture, treeHash } from './helpers/cli.ts';
import { FIXTURES } from './helpers/scenarios.ts';

const APP = join(FIXTURES, '_e2e', 'trunk-yew-app');
const CLEAN = join(FIXTURES, '_e2e', 'clean-app');
const tools = (dir: string) => ['--tools-from', join(dir, 'tools.json')];

describe('exit codes', () => {
  test('0 when clean', () => {
    const r = cli(['check', CLEAN, ...tools(CLEAN)]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('no problems found');
    expect(r.status).toBe(0);
  });

  test('1 when errors are found', () => {
    const r = cli(['check', APP, ...tools(APP)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('error[wasm-bindgen/cli-version-mismatch]');
    expect(r.stdout).toContain('error[wasi/target-renamed]');
  });

  test('warnings fail only with --max-warnings', () => {
    const dir = join(FIXTURES, 'wasm-bindgen', 'cli-version-mismatch', 'fail-same-schema');
    expect(cli([dir, ...tools(dir)]).status).toBe(0);
    expect(cli([dir, ...tools(dir), '--max-warnings', '0']).status).toBe(1);
    expect(cli([dir, ...tools(dir), '--max-warnings', '1']).status).toBe(0);
  });

  test.each([
    [['--format', 'xml']],
    [['--no-such-flag']],
    [['check', 'a', 'b']],
    [['check', '/nonexistent/dir']],
    [['--fix', '--fix-dry-run', CLEAN]],
    [['--tools-from', '/nonexistent.json', CLEAN]],
    [['explain', 'nope/nothing']],
  ])('2 on usage errors: %j', (args) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^wasm-doctor: error: /);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('2 with a clear message when there is no Cargo project', () => {
    const empty = mkdtempSync(join(tmpdir(), 'wd-empty-'));
    const r = cli(['check', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no Cargo project');
  });
});

describe('formats', () => {
  test('json is the contract, deterministic', () => {
    const a = cli(['check', APP, ...tools(APP), '--format', 'json']);
    const b = cli(['check', APP, ...tools(APP), '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'tool', 'root', 'toolchain', 'diagnostics', 'summary']);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool.name).toBe('wasm-doctor');
    expect(doc.root).toBe(APP);
    expect(doc.toolchain['wasm-bindgen'].version).toBe('0.2.92');
    const d = doc.diagnostics.find((x: { rule: string }) => x.rule === 'wasm-bindgen/cli-version-mismatch');
    expect(d).toMatchObject({ severity: 'error', file: 'Cargo.lock', line: 15, column: 11, endLine: 15, endColumn: 19 });
    for (const key of ['rule', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'notes', 'help', 'fix']) expect(d).toHaveProperty(key);
    expect(d.fix).toEqual({ kind: 'command', title: 'install the matching wasm-bindgen CLI', argv: ['cargo', 'install', '-f', 'wasm-bindgen-cli', '--version', '0.2.93'] });
    expect(doc.summary).toMatchObject({ errors: 2, warnings: 0 });
    const edit = doc.diagnostics.find((x: { rule: string }) => x.rule === 'wasi/target-renamed').fix;
    expect(edit).toMatchObject({ kind: 'edit', applicability: 'safe' });
    const text = readFileSync(join(APP, edit.edits[0].file), 'utf8');
    const [e] = edit.edits;
    expect(Object.keys(e)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'start', 'end', 'newText', 'text']);
    expect([text.slice(e.start, e.end), e.newText]).toEqual(['wasm32-wasi', 'wasm32-wasip1']);
  });

  test('sarif and github render the same findings', () => {
    const sarif = JSON.parse(cli(['check', APP, ...tools(APP), '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['wasi/target-renamed', 'wasm-bindgen/cli-version-mismatch']);
    const gh = cli(['check', APP, ...tools(APP), '--format', 'github'], { env: { GITHUB_WORKSPACE: join(APP, '..') } }).stdout;
    expect(gh).toMatch(/^::error file=trunk-yew-app\/Cargo\.lock,line=15,endLine=15,col=11,endColumn=19,title=wasm-doctor%3A wasm-bindgen\/cli-version-mismatch::/m);
    expect(cli(['check', APP, ...tools(APP), '--format', 'github']).stdout).toContain(`::error file=${APP}/Cargo.lock,`);
  });

  test('-o writes the report to a file and nothing to stdout', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wd-out-')), 'report.json');
    const r = cli(['check', APP, ...tools(APP), '--format', 'json', '-o', out]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).diagnostics.length).toBe(2);
  });

  test('colour only when asked for or forced', () => {
    const esc = '\u001b[';
    expect(cli(['check', APP, ...tools(APP)]).stdout).not.toContain(esc);
    expect(cli(['check', APP, ...tools(APP)], { env: { FORCE_COLOR: '1' } }).stdout).toContain(esc);
    expect(cli(['check', APP, ...tools(APP), '--color']).stdout).toContain(esc);
    expect(cli(['check', APP, ...tools(APP), '--color'], { env: { NO_COLOR: '1' } }).stdout).toContain(esc);
    expect(cli(['check', APP, ...tools(APP), '--format', 'json'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(esc);
  });
});

describe('commands', () => {
  test('explain prints the doc with a generated header', () => {
    const r = cli(['explain', 'wasm-bindgen/cli-version-mismatch']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['# wasm-bindgen/cli-version-mismatch', 'default severity: error · fix available in some cases · probes: wasm-bindgen']);
    expect(r.stdout).toContain('## Why is this bad?');
  });

  test('--list-rules lists every rule, also as JSON', () => {
    const text = cli(['--list-rules']).stdout;
    expect(text).toMatch(/^wasi\/target-renamed +error +/m);
    const json = JSON.parse(cli(['--list-rules', '--format', 'json']).stdout);
    expect(json.find((r: { id: string }) => r.id === 'egui/version-mismatch')).toMatchObject({ defaultSeverity: 'error', fix: 'sometimes' });
  });

  test('--help and --version', () => {
    expect(cli(['--help']).stdout).toContain('wasm-doctor [check] [DIR] [options]');
    expect(cli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test('cargo-wasm-doctor accepts the extra argument cargo passes', () => {
    const bin = join(inject('cliPath'), '..', 'cargo-wasm-doctor.cjs');
    const r = cli(['wasm-doctor', 'check', CLEAN, ...tools(CLEAN)], { bin });
    expect(r.status).toBe(0);
    expect(cli(['wasm-doctor', '--version'], { bin }).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test('a manifest path means its directory', () => {
    const r = cli(['check', join(CLEAN, 'Cargo.toml'), ...tools(CLEAN), '--format', 'json']);
    expect(JSON.parse(r.stdout).root).toBe(CLEAN);
  });

  test('walks up from a member directory to the workspace root', () => {
    const ws = join(FIXTURES, 'wasm-bindgen', 'cli-version-mismatch', 'fail-workspace-member');
    const r = cli(['check', join(ws, 'crates', 'app'), ...tools(ws), '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.root).toBe(ws);
    expect(doc.diagnostics[0].file).toBe('Cargo.lock');
  });
});

describe('probing real executables on PATH', () => {
  const stubDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-stubs-'));
    const sysroot = join(dir, 'sysroot');
    mkdirSync(join(sysroot, 'lib', 'rustlib', 'wasm32-unknown-unknown', 'lib'), { recursive: true });
    const stub = (name: string, body: string) => {
      writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(dir, name), 0o755);
    };
    stub('wasm-bindgen', 'echo "wasm-bindgen 0.2.92"');
    stub('rustc', `case "$1" in -vV) printf 'rustc 1.85.0 (4d91de4e4 2025-02-17)\\nbinary: rustc\\nhost: x86_64-unknown-linux-gnu\\nrelease: 1.85.0\\n';; --print) echo "${sysroot}";; esac`);
    return dir;
  };

  test('the report uses the stubs found on PATH', () => {
    const r = cli(['check', APP, '--format', 'json'], { env: { PATH: `${stubDir()}:/usr/bin:/bin` } });
    const doc = JSON.parse(r.stdout);
    expect(doc.toolchain['wasm-bindgen']).toMatchObject({ version: '0.2.92' });
    expect(doc.toolchain.rustc).toMatchObject({ version: '1.85.0', targets: ['wasm32-unknown-unknown'] });
    expect(doc.diagnostics.map((d: { rule: string }) => d.rule)).toContain('wasm-bindgen/cli-version-mismatch');
    expect(r.status).toBe(1);
  });

  test('--no-probe runs nothing and reports an empty toolchain', () => {
    const doc = JSON.parse(cli(['check', APP, '--format', 'json', '--no-probe'], { env: { PATH: `${stubDir()}:/usr/bin:/bin` } }).stdout);
    expect(doc.toolchain).toEqual({});
    expect(doc.diagnostics.map((d: { rule: string }) => d.rule)).not.toContain('wasm-bindgen/cli-version-mismatch');
  });
});

describe('fixing', () => {
  test('--fix-dry-run prints a diff and writes nothing', () => {
    const dir = copyFixture(APP);
    const before = treeHash(dir);
    const r = cli(['check', dir, ...tools(APP), '--fix-dry-run']);
    expect(r.stdout).toContain('--- a/rust-toolchain.toml\n+++ b/rust-toolchain.toml\n');
    expect(r.stdout).toContain('+targets = ["wasm32-unknown-unknown", "wasm32-wasip1"]');
    expect(treeHash(dir)).toBe(before);
  });

  test('--fix-dry-run prints only the patch on stdout, the report on stderr, and git apply takes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-dry-'));
    writeFileSync(join(dir, 'Cargo.toml'), '[package]\r\nname = "app"\r\nversion = "0.1.0"\r\n');
    const before = '\uFEFF[toolchain]\r\nchannel = "stable"\r\ntargets = ["wasm32-wasi"]';
    writeFileSync(join(dir, 'rust-toolchain.toml'), before);
    const r = cli(['check', dir, '--no-probe', '--fix-dry-run']);
    expect(r.stdout).toBe('--- a/rust-toolchain.toml\n+++ b/rust-toolchain.toml\n@@ -1,3 +1,3 @@\n \uFEFF[toolchain]\r\n channel = "stable"\r\n-targets = ["wasm32-wasi"]\n\\ No newline at end of file\n+targets = ["wasm32-wasip1"]\n\\ No newline at end of file\n');
    expect(r.stderr).toContain('wasi/target-renamed');
    const applied = spawnSync('git', ['apply', '-'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    expect(applied.status, applied.stderr).toBe(0);
    expect(readFileSync(join(dir, 'rust-toolchain.toml'), 'utf8')).toBe(before.replace('"wasm32-wasi"', '"wasm32-wasip1"'));
  });

  test('after --fix, the command fixes left are printed as one block, never run', () => {
    const dir = copyFixture(join(FIXTURES, 'wasm-bindgen', 'cli-version-mismatch', 'fail-trunk-pin-ahead-of-lock'));
    const before = treeHash(dir);
    const r = cli(['check', dir, '--no-probe', '--fix']);
    expect(r.stderr).toContain('wasm-doctor: this command fixes what remains (not run; review, then paste):\ncargo update -p wasm-bindgen --precise 0.2.93\n');
    expect(treeHash(dir)).toBe(before);
  });

  test('--fix edits only what it reports, keeps comments, and a second --fix changes nothing', () => {
    const dir = copyFixture(APP);
    const r = cli(['check', dir, ...tools(APP), '--fix']);
    expect(r.stderr).toContain('fixed 1 problem in `rust-toolchain.toml`');
    expect(readFileSync(join(dir, 'rust-toolchain.toml'), 'utf8')).toBe('[toolchain]\nchannel = "stable"\n# the server part runs on WASI\ntargets = ["wasm32-unknown-unknown", "wasm32-wasip1"]\n');
    expect(r.stdout).not.toContain('wasi/target-renamed');
    expect(r.status).toBe(1);
    const after = treeHash(dir);
    cli(['check', dir, ...tools(APP), '--fix']);
    expect(treeHash(dir)).toBe(after);
  });

  test('--fix writes TOML 1.1 escapes the TOML 1.0 way, and a second --fix changes nothing', () => {
    const dir = copyFixture(join(FIXTURES, 'cargo', 'toml-1-1-unsupported-toolchain', 'fail-escape-in-cargo-config-on-ci-1-90'));
    const r = cli(['check', dir, '--no-probe', '--fix']);
    expect(readFileSync(join(dir, '.cargo', 'config.toml'), 'utf8')).toContain('BANNER = "\\u001B[1mapp\\u001B[0m"');
    expect(r.stdout).not.toContain('cargo/toml-1-1-unsupported-toolchain');
    const after = treeHash(dir);
    cli(['check', dir, '--no-probe', '--fix']);
    expect(treeHash(dir)).toBe(after);
  });

  test('--fix keeps a BOM, CRLF line endings and comments byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-crlf-'));
    writeFileSync(join(dir, 'Cargo.toml'), '[package]\r\nname = "app"\r\nversion = "0.1.0"\r\n');
    const before = '\uFEFF# pinned for CI\r\n[toolchain]\r\nchannel = "stable" # keep\r\ntargets = [ "wasm32-wasi" ] # server\r\n';
    writeFileSync(join(dir, 'rust-toolchain.toml'), before);
    cli(['check', dir, '--no-probe', '--fix']);
    expect(readFileSync(join(dir, 'rust-toolchain.toml'), 'utf8')).toBe(before.replace('"wasm32-wasi"', '"wasm32-wasip1"'));
  });

  test('unsafe fixes are applied only with --unsafe-fixes', () => {
    const dir = copyFixture(join(FIXTURES, 'toolchain', 'msrv-too-old', 'fail-toolchain-pin'));
    const before = treeHash(dir);
    const safeOnly = cli(['check', dir, '--no-probe', '--fix']);
    expect(safeOnly.stdout).toContain('unsafe fix: applied with `--fix --unsafe-fixes`');
    expect(treeHash(dir)).toBe(before);
    expect(cli(['check', dir, '--no-probe', '--fix-dry-run', '--unsafe-fixes']).stdout).toContain('+channel = "1.92.0"');
    expect(treeHash(dir)).toBe(before);
    const r = cli(['check', dir, '--no-probe', '--fix', '--unsafe-fixes']);
    expect(readFileSync(join(dir, 'rust-toolchain.toml'), 'utf8')).toContain('channel = "1.92.0"');
    expect(r.stdout).not.toContain('toolchain/msrv-too-old');
  });

  test('checking writes nothing', () => {
    const dir = copyFixture(APP);
    const before = treeHash(dir);
    for (const format of ['text', 'json', 'github', 'sarif']) cli(['check', dir, ...tools(APP), '--format', format]);
    expect(treeHash(dir)).toBe(before);
  });
});
