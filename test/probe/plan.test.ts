/** rustc is probed once per toolchain the rust-toolchain files select, not once per file. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { doctor } from '../../src/engine/run.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wd-plan-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** A rustc that logs each `-vV` with its working directory, answering with `exit` as its status. */
function fakeRustc(exit = 0): { env: NodeJS.ProcessEnv; versionCalls: () => string[] } {
  const log = join(dir, 'calls.log');
  write({ 'bin/rustc': `#!/bin/sh\nif [ "$1" = "-vV" ]; then echo "$PWD" >> "${log}"; fi\necho "rustc 1.85.0 (4d91de4e4 2025-02-17)"\nexit ${exit}\n`, 'calls.log': '' });
  chmodSync(join(dir, 'bin/rustc'), 0o755);
  const calls = () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((d) => d.slice(dir.length + 1) || '.').sort();
  return { env: { PATH: join(dir, 'bin'), HOME: join(dir, 'home') }, versionCalls: calls };
}

const manifest = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\n`;
const UNNAMED = '[toolchain]\ntargets = ["wasm32-unknown-unknown"]\n';

function project(): void {
  write({
    'a/Cargo.toml': manifest('a'),
    'a/rust-toolchain.toml': UNNAMED,
    'b/Cargo.toml': manifest('b'),
    'b/rust-toolchain.toml': UNNAMED,
    'c/Cargo.toml': manifest('c'),
    'c/rust-toolchain.toml': '[toolchain]\nchannel = "1.80.0"\n',
    'd/Cargo.toml': manifest('d'),
    'e/Cargo.toml': manifest('e'),
    'e/rust-toolchain': '1.80.0\n',
  });
}

test('files selecting the same toolchain share one probe; the root is probed once', async () => {
  project();
  const rustc = fakeRustc();
  await doctor({ dir, env: rustc.env });
  // the root, and one of the two naming 1.80.0: nothing at or above the root names a toolchain,
  // so the root gets the default one, and so do the files without a channel
  expect(rustc.versionCalls()).toHaveLength(2);
  expect(rustc.versionCalls()).toContain('.');
});

test('files without a channel below a root that pins a toolchain share a probe of their own', async () => {
  project();
  write({ 'rust-toolchain.toml': '[toolchain]\nchannel = "1.82.0"\n' });
  const rustc = fakeRustc();
  await doctor({ dir, env: rustc.env });
  expect(rustc.versionCalls()).toHaveLength(3);
  expect(rustc.versionCalls().filter((d) => d === 'a' || d === 'b')).toHaveLength(1);
});

test('a rustup directory override above the root keeps files without a channel apart from the root', async () => {
  project();
  const rustc = fakeRustc();
  write({ 'home/.rustup/settings.toml': `version = "12"\n\n[overrides]\n${JSON.stringify(dirname(dir))} = "nightly"\n` });
  await doctor({ dir, env: rustc.env });
  expect(rustc.versionCalls()).toHaveLength(3);
});

test('a failed probe is repeated in each directory, since its message may name the directory', async () => {
  project();
  const rustc = fakeRustc(1);
  await doctor({ dir, env: rustc.env });
  expect(rustc.versionCalls()).toEqual(['.', 'a', 'b', 'c', 'e']);
});

test('RUSTUP_TOOLCHAIN outranks every file: only the root is probed', async () => {
  project();
  const rustc = fakeRustc();
  await doctor({ dir, env: { ...rustc.env, RUSTUP_TOOLCHAIN: 'stable' } });
  expect(rustc.versionCalls()).toEqual(['.']);
});

test('a rustup directory override inside the project makes every directory its own probe', async () => {
  project();
  const rustc = fakeRustc();
  write({ 'home/.rustup/settings.toml': `version = "12"\n\n[overrides]\n${JSON.stringify(join(dir, 'a'))} = "nightly"\n` });
  await doctor({ dir, env: rustc.env });
  expect(rustc.versionCalls()).toEqual(['.', 'a', 'b', 'c', 'e']);
});

test('tools only rules turned off in the config need are not probed', async () => {
  write({ 'Cargo.toml': manifest('a'), 'bin/trunk': `#!/bin/sh\necho run >> "${join(dir, 'trunk.log')}"\necho "trunk 0.21.4"\n` });
  chmodSync(join(dir, 'bin/trunk'), 0o755);
  const env = { PATH: join(dir, 'bin'), HOME: join(dir, 'home') };
  const trunkRuns = () => readFileSync(join(dir, 'trunk.log'), { encoding: 'utf8', flag: 'a+' }).split('\n').filter(Boolean).length;
  await doctor({ dir, env });
  expect(trunkRuns()).toBeGreaterThan(0);
  rmSync(join(dir, 'trunk.log'));
  write({ 'wasm-doctor.toml': '[rules]\n"trunk/version-mismatch" = "off"\n"wasm-opt/features-missing" = "off"\n' });
  const report = await doctor({ dir, env });
  expect(trunkRuns()).toBe(0);
  expect(report.tools.map((t) => t.tool)).not.toContain('trunk');
});
