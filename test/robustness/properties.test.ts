/**
 * Property tests: generated and mutated project files go through the whole pipeline
 * (load → rules → every formatter) without a throw, with valid output, deterministically, and
 * without writing anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FIXTURES } from '../helpers/scenarios.ts';
import { treeHash } from '../helpers/cli.ts';
import { check, project, renderAll } from './helpers.ts';

const seed = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const SEEDS = {
  'Cargo.toml': seed('egui/version-mismatch/fail-eframe-and-egui/Cargo.toml'),
  'Cargo.lock': seed('egui/version-mismatch/fail-locked-versions/Cargo.lock'),
  'Trunk.toml': seed('wasm-bindgen/cli-version-mismatch/fail-trunk-tools-pin/Trunk.toml'),
  'rust-toolchain.toml': seed('wasi/target-renamed/fail-rust-toolchain-stable/rust-toolchain.toml'),
  '.cargo/config.toml': seed('wasi/target-renamed/fail-cargo-config/.cargo/config.toml'),
  '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: dtolnay/rust-toolchain@stable\n        with: { targets: wasm32-wasi }\n      - run: |\n          cargo install wasm-bindgen-cli --version 0.2.92 \\\n            --locked && rustup target add wasm32-wasi\n',
};
type FileName = keyof typeof SEEDS;
const NAMES = Object.keys(SEEDS) as FileName[];

/** A mutation of a seed text: insert, delete or replace a slice with hostile or TOML-ish text. */
const fragment = fc.oneof(
  fc.constantFrom('[', ']', '{', '}', '"', "'", '=', '\n', '\r\n', '#', '\\', '[[package]]\n', 'version = ', '"0.2.93"', 'wasm32-wasi', '\u0000', '\u001b[31m', '::error::x', '##[', '\uFEFF', 'workspace = true', '{ workspace = true }'),
  fc.string({ maxLength: 20 }),
);
const mutation = fc.record({ at: fc.nat(), cut: fc.nat({ max: 20 }), insert: fc.array(fragment, { maxLength: 4 }).map((a) => a.join('')) });
const mutate = (text: string, muts: readonly { at: number; cut: number; insert: string }[]) =>
  muts.reduce((t, m) => {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    return t.slice(0, at) + m.insert + t.slice(at + m.cut);
  }, text);

const files = fc.record(Object.fromEntries(NAMES.map((n) => [n, fc.array(mutation, { maxLength: 3 })])) as Record<FileName, fc.Arbitrary<{ at: number; cut: number; insert: string }[]>>);

describe('the pipeline on mutated inputs', () => {
  test('never throws, renders every format, is deterministic and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(files, async (muts) => {
        const dir = project(Object.fromEntries(NAMES.map((n) => [n, mutate(SEEDS[n], muts[n])])));
        const before = treeHash(dir);
        const first = await check(dir);
        const second = await check(dir);
        expect(first.crashed).toBe(false);
        const a = renderAll(first);
        const b = renderAll(second);
        expect(a).toEqual(b);
        expect(treeHash(dir)).toBe(before);
      }),
      { numRuns: 60, seed: 20261128 },
    );
  });

  test('random bytes as any project file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 200 }), async (name, bytes) => {
        const dir = project({ ...SEEDS, [name]: bytes });
        const r = await check(dir);
        expect(r.crashed).toBe(false);
        renderAll(r);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
