/** Reading Nix files into wasm-bindgen pins, toolchains and targets, from literals only. */
import { describe, expect, test } from 'vitest';
import { readNix } from '../../src/ci/nix.ts';
import { lexNix } from '../../src/syntax/nix/lexer.ts';
import { SourceMap } from '../../src/syntax/source.ts';

const read = (text: string) => {
  const file = new SourceMap().add('flake.nix', '/repo/flake.nix', text);
  const ci = readNix(file, '/repo');
  const at = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  return {
    pins: ci.pins.map((p) => `${p.tool} ${p.pin} ${p.version?.value} @${p.version ? at(p.version.span) : '-'}`),
    targets: ci.targets.map((t) => `${t.target} @${at(t.span)}`),
    toolchains: ci.targets[0]?.context.toolchains.map((t) => t.value) ?? [],
  };
};

describe('lexNix', () => {
  test('skips comments, keeps string contents and marks interpolation', () => {
    const tokens = lexNix('# a "x"\n/* b */ x = "1.0" + \'\'${y} z\'\'; a.b-c');
    expect(tokens.map((t) => `${t.kind}:${t.text}${t.dynamic ? '*' : ''}`)).toEqual(['ident:x', 'punct:=', 'string:1.0', 'punct:+', 'string:${y} z*', 'punct:;', 'ident:a', 'punct:.', 'ident:b-c']);
  });
  test("indented strings keep their escapes and do not interpolate an escaped `''${`", () => {
    const [, , s] = lexNix("x = ''a ''${b} '''c'' ;");
    expect(s).toMatchObject({ kind: 'string', text: "a ''${b} '''c", dynamic: false });
  });
  test('an unterminated string or comment ends the input without throwing', () => {
    expect(lexNix('x = "abc').map((t) => t.text)).toEqual(['x', '=', 'abc']);
    expect(lexNix('x /* y').map((t) => t.text)).toEqual(['x']);
  });
});

describe('readNix', () => {
  test('versioned attributes, overrides and fetchCrate sets are exact wasm-bindgen pins', () => {
    const r = read(`{
      a = pkgs.wasm-bindgen-cli_0_2_92; # wasm-bindgen-cli_0_2_50
      b = pkgs.wasm-bindgen-cli.override { version = "0.2.93"; hash = ""; };
      c = pkgs.buildWasmBindgenCli { src = pkgs.fetchCrate { pname = "wasm-bindgen-cli"; version = "0.2.99"; }; };
      d = pkgs.fetchCrate { pname = "trunk"; version = "0.21.0"; };
      f = pkgs.buildWasmBindgenCli rec { version = "0.2.101"; src = null; };
      e = pkgs.wasm-bindgen-cli.override { version = "\${v}"; };
    }`);
    expect(r.pins).toEqual(['wasm-bindgen exact 0.2.92 @0_2_92', 'wasm-bindgen exact 0.2.93 @0.2.93', 'wasm-bindgen exact 0.2.99 @0.2.99', 'wasm-bindgen exact 0.2.101 @0.2.101']);
  });
  test('rust-overlay and fenix toolchains carry the targets listed with them', () => {
    expect(read('rust-bin.stable."1.80.0".default.override { targets = [ "wasm32-unknown-unknown" "not a triple" ]; }')).toEqual({
      pins: ['rust exact 1.80.0 @1.80.0'],
      targets: ['wasm32-unknown-unknown @wasm32-unknown-unknown'],
      toolchains: ['1.80.0'],
    });
    expect(read('{ languages.rust.enable = true; languages.rust.targets = [ "wasm32-wasip1" ]; }').targets).toEqual(['wasm32-wasip1 @wasm32-wasip1']);
    expect(read('rust-bin.nightly."2024-05-01".minimal').pins).toEqual(['rust exact nightly-2024-05-01 @2024-05-01']);
    expect(read('with fenix; combine [ latest.toolchain targets.wasm32-unknown-unknown.latest.rust-std ]').toolchains).toEqual(['nightly']);
    expect(read('fenix.toolchainOf { channel = "beta"; date = "2021-08-29"; sha256 = ""; }').pins).toEqual(['rust exact beta-2021-08-29 @beta']);
  });
});
