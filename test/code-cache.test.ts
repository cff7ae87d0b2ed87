/**
 * The bins start from a V8 code cache in the user's cache directory (src/bin/compiled.ts): written
 * once, atomically, keyed on the bundle, never required, and off with --no-cache.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, inject, test } from 'vitest';
import { cli } from './helpers/cli.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'wasi', 'target-renamed', 'fail-rust-toolchain-stable');
const ARGS = ['check', FIXTURE, '--no-probe', '--format', 'json'];

let xdg: string;
beforeEach(() => {
  xdg = mkdtempSync(join(tmpdir(), 'wd-cache-'));
});
afterEach(() => rmSync(xdg, { recursive: true, force: true }));

const cacheFiles = (): string[] => readdirSync(join(xdg, 'wasm-doctor')).sort();
const run = (args = ARGS) => cli(args, { env: { XDG_CACHE_HOME: xdg } });

test('the first run writes one cache file, later runs read it and give the same report', () => {
  const first = run();
  expect(first.status).toBe(1);
  const files = cacheFiles();
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^[0-9a-f]{32}\.v8$/);
  const file = join(xdg, 'wasm-doctor', files[0] as string);
  const written = statSync(file).mtimeMs;
  const second = run();
  expect(second).toEqual(first);
  expect(statSync(file).mtimeMs).toBe(written);
});

test('a damaged cache is ignored and replaced', () => {
  const clean = run();
  const file = join(xdg, 'wasm-doctor', cacheFiles()[0] as string);
  writeFileSync(file, 'not a code cache');
  expect(run()).toEqual(clean);
  expect(readFileSync(file).length).toBeGreaterThan(1000);
});

test('--no-cache neither reads nor writes it', () => {
  const r = run([...ARGS, '--no-cache']);
  expect(r.status).toBe(1);
  expect(() => readdirSync(join(xdg, 'wasm-doctor'))).toThrow();
});

test('a cache directory that cannot be written changes nothing but speed', () => {
  const clean = run([...ARGS, '--no-cache']);
  const blocked = join(xdg, 'file');
  writeFileSync(blocked, '');
  expect(cli(ARGS, { env: { XDG_CACHE_HOME: blocked } })).toEqual(clean);
  chmodSync(xdg, 0o500);
  try {
    expect(run()).toEqual(clean);
  } finally {
    chmodSync(xdg, 0o700);
  }
});

test('concurrent first runs all succeed and leave one whole cache file, no temporary files', async () => {
  const bin = inject('cliPath');
  const once = () =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [bin, ...ARGS], { env: { PATH: '/nonexistent', HOME: tmpdir(), XDG_CACHE_HOME: xdg }, stdio: 'ignore' });
      child.on('close', resolve);
    });
  expect(await Promise.all(Array.from({ length: 6 }, once))).toEqual(Array(6).fill(1));
  expect(cacheFiles()).toHaveLength(1);
});

test('caches of other bundles are pruned to the newest few', () => {
  run();
  const dir = join(xdg, 'wasm-doctor');
  const ours = cacheFiles()[0] as string;
  rmSync(join(dir, ours));
  for (let i = 0; i < 6; i++) {
    const old = join(dir, `${String(i).repeat(32)}.v8`);
    writeFileSync(old, 'old');
    utimesSync(old, 1_000_000 + i, 1_000_000 + i);
  }
  writeFileSync(join(dir, 'unrelated.txt'), 'kept');
  run();
  expect(cacheFiles()).toEqual(['3'.repeat(32), '4'.repeat(32), '5'.repeat(32), ours.slice(0, 32), 'unrelated'].map((n) => (n === 'unrelated' ? 'unrelated.txt' : `${n}.v8`)).sort());
});
