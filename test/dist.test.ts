/**
 * The ways users get wasm-doctor, tried for real: the committed bundle is what the sources build,
 * the packed tarball installs into an empty directory and runs, and the README's pre-commit hook
 * installs from a git checkout with a real pre-commit and system Node. These run in CI
 * (.ci/run sets WD_INTEGRATION=1; CI=true works too): they take a minute and need npm and pip.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
// @ts-expect-error the build script is plain JavaScript
import { bundleFiles } from '../scripts/build.mjs';

const REPO = join(import.meta.dirname, '..');
const INTEGRATION = process.env.WD_INTEGRATION === '1' || process.env.CI === 'true';
const SKEWED = join(REPO, 'fixtures', 'wasi', 'target-renamed', 'fail-rust-toolchain-stable');
const SLOW = 300_000;

function sh(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, encoding: 'utf8', timeout: SLOW });
}

const describeIntegration = INTEGRATION ? describe : describe.skip;
if (!INTEGRATION) test.skip('bundle, tarball and pre-commit checks run with WD_INTEGRATION=1 or CI=true (.ci/run)', () => {});

describeIntegration('the committed bundle', () => {
  test('dist/ is byte-for-byte what `npm run build` builds from the sources', () => {
    const built = dirname(inject('cliPath'));
    const expected: string[] = bundleFiles(built);
    const committed: string[] = bundleFiles(join(REPO, 'dist'));
    const stale = expected.filter((f) => !existsSync(join(REPO, 'dist', f)) || !readFileSync(join(REPO, 'dist', f)).equals(readFileSync(join(built, f))));
    const extra = committed.filter((f) => !expected.includes(f));
    expect({ stale, extra }, 'dist/ is stale: run `npm run build` and commit dist/').toEqual({ stale: [], extra: [] });
  });
});

describe('package.json', () => {
  test('has no runtime dependencies: the bundle inlines them', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.scripts).not.toHaveProperty('prepare');
    // none of these may run code while npm installs a git dependency or a tarball
    for (const s of ['prepack', 'preinstall', 'install', 'postinstall']) expect(pkg.scripts).not.toHaveProperty(s);
    // `build` (the product contract's `npm run build`) makes npm's git fetcher install the dev
    // dependencies in its clone first; nothing is built there, and the git install below still works
    expect(pkg.scripts.build).toBe('node scripts/build.mjs');
  });
});

describeIntegration('the npm package', () => {
  const work = mkdtempSync(join(tmpdir(), 'wd-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test(
    'publishes cleanly, and the packed tarball installs into an empty directory and runs',
    () => {
      const dry = sh('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: REPO });
      expect(dry.status, dry.stderr).toBe(0);
      // only the warning that comes from not being logged in may appear
      expect(dry.stderr.split('\n').filter((l) => /\bwarn\b/i.test(l) && !l.includes('requires you to be logged in'))).toEqual([]);

      const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO });
      expect(pack.status, pack.stderr).toBe(0);
      const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
      const paths = info!.files.map((f) => f.path);
      for (const f of ['LICENSE', 'README.md', 'dist/cli.cjs', 'dist/cargo-wasm-doctor.cjs', 'dist/wasm-doctor.cjs', 'dist/action.js', 'dist/index.js', 'dist/THIRD-PARTY-LICENSES.txt', 'rules/wasi/target-renamed.md']) expect(paths).toContain(f);
      expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('fixtures/'))).toEqual([]);

      const app = join(work, 'app');
      mkdirSync(app);
      const install = sh('npm', ['install', '--no-audit', '--no-fund', '--offline', join(work, info!.filename)], { cwd: app });
      expect(install.status, install.stderr).toBe(0);
      expect(readdirSync(join(app, 'node_modules')).filter((d) => d !== '.bin' && d !== '.package-lock.json')).toEqual(['wasm-doctor']);

      const run = sh('npx', ['--no-install', 'wasm-doctor', 'check', SKEWED, '--no-probe'], { cwd: app });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toContain('error[wasi/target-renamed]');
      const explain = sh('npx', ['--no-install', 'wasm-doctor', 'explain', 'wasi/target-renamed'], { cwd: app });
      expect(explain.stdout).toContain('wasm32-wasip1');
      const cargo = sh('npx', ['--no-install', 'cargo-wasm-doctor', 'wasm-doctor', '--version'], { cwd: app });
      expect(cargo.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
      const api = sh('node', ['--input-type=module', '-e', "import { doctor } from 'wasm-doctor'; const r = await doctor({ dir: process.argv[1], probe: false }); console.log(r.summary.errors);", SKEWED], { cwd: app });
      expect(api.stdout.trim(), api.stderr).toBe('1');
    },
    SLOW,
  );
});

describeIntegration('the pre-commit hook', () => {
  const work = mkdtempSync(join(tmpdir(), 'wd-pre-commit-'));
  const venv = join(work, 'venv');
  let pip: SpawnSyncReturns<string> | undefined;
  const env = { PRE_COMMIT_HOME: join(work, 'cache'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  const head = sh('git', ['rev-parse', 'HEAD'], { cwd: REPO }).stdout.trim();

  beforeAll(() => {
    const made = sh('python3', ['-m', 'venv', venv]);
    // --retries 0: an unreachable default index fails at once and pip goes on with the configured ones
    pip = made.status === 0 ? sh(join(venv, 'bin', 'pip'), ['install', '--quiet', '--retries', '0', 'pre-commit']) : made;
  }, SLOW);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A git repository holding `files`, committed. */
  function repo(name: string, files: Record<string, string>): string {
    const dir = join(work, name);
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    sh('git', ['init', '--quiet'], { cwd: dir });
    sh('git', ['add', '-A'], { cwd: dir });
    sh('git', ['commit', '--quiet', '-m', 'init'], { cwd: dir, env });
    return dir;
  }

  const readFixture = (dir: string): Record<string, string> =>
    Object.fromEntries(readdirSync(dir).filter((f) => f !== 'expected.txt').map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

  test(
    'installs from a git checkout with system Node, fails on a skewed project naming the rule, passes a healthy one',
    (ctx) => {
      if (pip?.status !== 0) {
        console.warn(`pre-commit integration test skipped: pip cannot install pre-commit here\n${pip?.stderr ?? ''}`);
        ctx.skip();
      }
      const preCommit = join(venv, 'bin', 'pre-commit');
      const skewed = repo('skewed', readFixture(SKEWED));
      // try-repo clones this repository at HEAD and installs it as a `language: node` hook
      const bad = sh(preCommit, ['try-repo', REPO, 'wasm-doctor', '--ref', head, '--all-files'], { cwd: skewed, env });
      expect(bad.status, bad.stdout + bad.stderr).toBe(1);
      expect(bad.stdout).toMatch(/wasm-doctor\.+Failed/);
      expect(bad.stdout).toContain('error[wasi/target-renamed]');

      // the README's snippet: repo + rev, here with the hook's args
      const config = `repos:\n  - repo: ${REPO}\n    rev: ${head}\n    hooks:\n      - id: wasm-doctor\n        args: [--no-probe]\n`;
      const healthy = repo('healthy', { '.pre-commit-config.yaml': config, 'Cargo.toml': '[package]\nname = "healthy"\nversion = "0.1.0"\nedition = "2021"\n' });
      const good = sh(preCommit, ['run', '--all-files'], { cwd: healthy, env });
      expect(good.status, good.stdout + good.stderr).toBe(0);
      expect(good.stdout).toMatch(/wasm-doctor\.+Passed/);
    },
    SLOW,
  );
});
