/** Runs the bundled CLI (built once by global-setup) as a user would. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A minimal environment: no colour variables, no CI variables, a PATH without Rust tools unless
 * given, and the code cache next to the test bundle (removed with it).
 */
export function cli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; bin?: string } = {}): CliResult {
  const bin = opts.bin ?? inject('cliPath');
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: '/nonexistent', HOME: tmpdir(), XDG_CACHE_HOME: join(dirname(bin), 'cache'), ...opts.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function copyFixture(dir: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'wd-fixture-'));
  cpSync(dir, tmp, { recursive: true });
  return tmp;
}

/** Hash of every file (path + bytes) below a directory, to prove nothing was written. */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}
