/**
 * On a GitHub Actions runner (GITHUB_ACTIONS=true) nothing the bundled CLI prints forms a
 * workflow command, however hostile the project text it quotes: Cargo config strings and
 * comments, package names, workflow lines and file paths (integrations.md §1.3, §1.6).
 */
import { describe, expect, test } from 'vitest';
import { defuseCommands, defuseCommandsJson } from '../src/format/ci-log.ts';
import { cli } from './helpers/cli.ts';
import { project } from './robustness/helpers.ts';

/**
 * What the runner would act on (ActionCommandManager, OutputManager): a line holding the legacy
 * `##[` anywhere, or starting with `::` after the whitespace .NET's TrimStart removes.
 */
const commandLines = (out: string): string[] => out.split(/\r\n|\r|\n/).filter((l) => l.includes('##[') || /^[\s\u0085\u180e]*::/.test(l));

const FORGED = '::error file=src/lib.rs,line=1::forged by the project';

/** Every place a report quotes project text, each carrying a command. */
function hostileProject(): string {
  return project({
    'Cargo.toml': '[package]\nname = "app-##[add-mask]secret"\nversion = "0.1.0"\nedition = "2021"\n',
    // a diff context line is ` <line>`: the runner trims the space
    '.cargo/config.toml': `[env]\nNOTE = """\n##[add-mask]secret\n${FORGED}\n"""\n[build] # ##[error]comment\ntarget = "wasm32-wasi"\n`,
    '.github/workflows/##[stop-commands]x.yml': 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: rustup target add wasm32-wasi # ##[set-output name=x;]y\n',
    'members/::warning::dir/Cargo.toml': '[package]\nname = "m"\nversion = "0.1.0"\n',
  });
}

const run = (dir: string, args: string[], actions: boolean) =>
  cli(['check', dir, '--no-probe', ...args], { env: actions ? { GITHUB_ACTIONS: 'true' } : {} });

describe('workflow commands from quoted project text', () => {
  const dir = hostileProject();

  test.each([
    ['text report with fix diff', ['--fix-dry-run']],
    ['text report with build table', ['--explain-builds']],
  ])('%s: the report quotes the commands, and none acts on a runner', (_name, args) => {
    const outside = run(dir, args, false);
    expect(outside.status).toBe(1);
    // the fixture is hostile: outside Actions the quoted lines would be commands
    expect(commandLines(outside.stdout).length).toBeGreaterThan(0);
    const onRunner = run(dir, args, true);
    expect(onRunner.status).toBe(1);
    expect(commandLines(onRunner.stdout)).toEqual([]);
    expect(commandLines(onRunner.stderr)).toEqual([]);
    // same text for a reader: only invisible joiners were added
    expect(onRunner.stdout.replace(/\u200d/g, '')).toBe(outside.stdout);
  });

  test('JSON and SARIF documents decode to the same value and hold no `##[`', () => {
    // SARIF percent-encodes the paths; JSON quotes them as they are
    expect(run(dir, ['--format', 'json'], false).stdout).toContain('##[');
    for (const format of ['json', 'sarif']) {
      const outside = run(dir, ['--format', format], false);
      const onRunner = run(dir, ['--format', format], true);
      expect(commandLines(onRunner.stdout)).toEqual([]);
      expect(JSON.parse(onRunner.stdout)).toEqual(JSON.parse(outside.stdout));
    }
  });

  test('fix notes on stderr name hostile paths safely', () => {
    const copy = hostileProject();
    const r = run(copy, ['--fix'], true);
    expect(r.stderr).toContain('fixed');
    expect(r.stderr).toContain('stop-commands');
    expect(commandLines(r.stderr)).toEqual([]);
  });
});

describe('defuseCommands', () => {
  test('breaks `::` at a line start after any whitespace the runner trims, and `##[` anywhere', () => {
    const hostile = ['::add-mask::x', '   ::error::y', '\t\u00a0\u3000::stop-commands::t', '\u0085::echo::on', 'a ##[error]b', 'ok :: not a command', ':::x'].join('\n');
    const out = defuseCommands(hostile);
    expect(commandLines(out)).toEqual([]);
    expect(out.replace(/\u200d/g, '')).toBe(hostile);
    expect(defuseCommands('plain\n')).toBe('plain\n');
  });

  test('JSON keeps its value', () => {
    const doc = JSON.stringify({ a: '##[add-mask]x', b: ['::error::y'] }, null, 2);
    expect(JSON.parse(defuseCommandsJson(doc))).toEqual(JSON.parse(doc));
    expect(commandLines(defuseCommandsJson(doc))).toEqual([]);
  });
});
