import { describe, expect, it } from 'vitest';
import {
  parseCargo,
  parseCargoLeptos,
  parseRustc,
  parseTrunk,
  parseWasmBindgen,
  parseWasmOpt,
  parseWasmPack,
  parseWasmtime,
} from '../../src/probe/parse.ts';
import { PROBES } from '../../src/probe/table.ts';

const RUSTC_STABLE = `rustc 1.85.0 (4d91de4e4 2025-02-17)
binary: rustc
commit-hash: 4d91de4e48198da2e33413efdcd9cd2cc0c46688
commit-date: 2025-02-17
host: x86_64-unknown-linux-gnu
release: 1.85.0
LLVM version: 19.1.7
`;

const RUSTC_NIGHTLY = `rustc 1.86.0-nightly (9a1d156f3 2025-01-19)
binary: rustc
commit-hash: 9a1d156f38c51441ee51e5a068f1d0caf4bb0f27
commit-date: 2025-01-19
host: aarch64-apple-darwin
release: 1.86.0-nightly
LLVM version: 19.1.7
`;

describe('parseRustc', () => {
  it('reads a stable -vV block', () => {
    expect(parseRustc(RUSTC_STABLE)).toEqual({
      version: '1.85.0',
      rustc: { channel: 'stable', host: 'x86_64-unknown-linux-gnu', commitDate: '2025-02-17' },
    });
  });

  it('reads a nightly -vV block', () => {
    expect(parseRustc(RUSTC_NIGHTLY)).toEqual({
      version: '1.86.0',
      rustc: { channel: 'nightly', host: 'aarch64-apple-darwin', commitDate: '2025-01-19' },
    });
  });

  it('reads the same block with CRLF line endings', () => {
    expect(parseRustc(RUSTC_NIGHTLY.replaceAll('\n', '\r\n'))).toEqual(parseRustc(RUSTC_NIGHTLY));
  });

  it.each([
    ['rustc 1.86.0-beta.3 (4ae6b8ec2 2025-02-22)', '1.86.0', 'beta'],
    ['rustc 1.84.1 (e71f9a9a9 2025-01-27) (Homebrew)', '1.84.1', 'stable'],
    ['rustc 1.87.0-dev', '1.87.0', 'dev'],
    ['rustc 1.80.1 (3f5fd8dd4 2024-08-06) (built from a source tarball)', '1.80.1', 'stable'],
    ['rustc 1.90.0-weird', '1.90.0', 'unknown'],
  ])('reads the first line %j', (line, version, channel) => {
    expect(parseRustc(`${line}\n`)).toEqual({ version, rustc: { channel } });
  });

  it('prefers release: over the first line and drops an unknown commit date', () => {
    const distro = 'rustc 1.87.0-dev\nbinary: rustc\ncommit-hash: unknown\ncommit-date: unknown\nhost: x86_64-unknown-linux-gnu\nrelease: 1.87.0-dev\n';
    expect(parseRustc(distro)).toEqual({ version: '1.87.0', rustc: { channel: 'dev', host: 'x86_64-unknown-linux-gnu' } });
    expect(parseRustc('rustc 1.86.0-beta.3 (4ae6b8ec2 2025-02-22)\nrelease: 1.86.0-beta.3\n')?.rustc?.channel).toBe('beta');
  });

  it.each([
    '',
    'rustc',
    'rustc version 1.85',
    'cargo 1.85.0 (d73d2caf9 2024-12-31)',
    "error: toolchain 'nightly-2025-01-19-x86_64-unknown-linux-gnu' is not installed",
  ])('rejects %j', (text) => {
    expect(parseRustc(text)).toBeUndefined();
  });
});

describe('semver-line tools', () => {
  it.each([
    ['cargo', parseCargo, 'cargo 1.85.0 (d73d2caf9 2024-12-31)', '1.85.0'],
    ['cargo', parseCargo, 'cargo 1.86.0-nightly (cecde95c1 2025-01-24)', '1.86.0'],
    ['wasm-bindgen', parseWasmBindgen, 'wasm-bindgen 0.2.93', '0.2.93'],
    ['wasm-bindgen', parseWasmBindgen, 'wasm-bindgen 0.2.74 (27c7a4d06)', '0.2.74'],
    ['wasm-bindgen', parseWasmBindgen, 'wasm-bindgen 0.2.93\n', '0.2.93'],
    ['wasm-bindgen', parseWasmBindgen, 'wasm-bindgen 0.2.92 (c108c7520)\r\n', '0.2.92'],
    ['wasm-pack', parseWasmPack, 'wasm-pack 0.13.1', '0.13.1'],
    ['trunk', parseTrunk, 'trunk 0.21.14', '0.21.14'],
    ['trunk', parseTrunk, 'trunk 0.22.0-beta.1', '0.22.0'],
    ['wasmtime', parseWasmtime, 'wasmtime 17.0.0 (f72a8ab23 2024-01-22)', '17.0.0'],
    ['wasmtime', parseWasmtime, 'wasmtime-cli 8.0.0', '8.0.0'],
    ['cargo-leptos', parseCargoLeptos, 'cargo-leptos 0.3.1', '0.3.1'],
  ] as const)('%s reads %j', (tool, parse, text, version) => {
    expect(parse(text)).toEqual({ version });
    expect(PROBES[tool]).toHaveProperty('parse', parse);
  });

  it('does not accept another tool’s line', () => {
    expect(parseCargo('cargo-leptos 0.3.1')).toBeUndefined();
    expect(parseWasmBindgen('wasm-pack 0.13.1')).toBeUndefined();
    expect(parseWasmtime('wasmtime-cli-x 8.0.0')).toBeUndefined();
  });
});

describe('parseWasmOpt', () => {
  it('is the table entry for wasm-opt', () => {
    expect(PROBES['wasm-opt'].parse).toBe(parseWasmOpt);
    expect(PROBES.rustc).toEqual({ argv: ['-vV'], parse: parseRustc });
  });

  it.each([
    ['wasm-opt version 116 (version_116)', '116'],
    ['wasm-opt version 123 (version_123-3-g1e5c5ee)', '123'],
    ['wasm-opt version 101', '101'],
    ['wasm-opt version 116 (version_116)\n', '116'],
  ])('reads %j', (text, version) => {
    expect(parseWasmOpt(text)).toEqual({ version });
  });

  it.each(['wasm-opt 116', 'wasm-opt version version_116', 'wasm-opt version 1.2.3'])('rejects %j', (text) => {
    expect(parseWasmOpt(text)).toBeUndefined();
  });
});

describe('garbage', () => {
  const binary = String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
  const garbage: readonly (readonly [string, string])[] = [
    ['empty', ''],
    ['whitespace', ' \n\r\n\t'],
    ['binary', binary],
    ['NUL bytes', 'wasm-bindgen 0.2.93\u0000'],
    ['an error message', 'error: no such command: `leptos`'],
    ['a usage message', 'Usage: trunk [OPTIONS] <COMMAND>'],
    ['megabytes of text', 'x'.repeat(5 * 1024 * 1024)],
  ];

  const parsers = Object.entries(PROBES).flatMap(([tool, spec]) => ('parse' in spec ? [[tool, spec.parse] as const] : []));
  it.each(parsers)('%s rejects all of it', (_tool, parse) => {
    for (const [, text] of garbage) expect(parse(text)).toBeUndefined();
  });

  it('rejects a valid version line followed by megabytes of text', () => {
    expect(parseWasmBindgen(`wasm-bindgen 0.2.93\n${'x'.repeat(5 * 1024 * 1024)}`)).toBeUndefined();
  });
});
