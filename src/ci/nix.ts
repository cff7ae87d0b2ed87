/**
 * Nix files (`flake.nix`, `shell.nix`, `devenv.nix`, `default.nix`): the wasm-bindgen CLI and Rust
 * toolchains they pin, read from literals with positions and never evaluated (research-env.md §3):
 *
 * - nixpkgs `wasm-bindgen-cli_0_2_N` attributes; `wasm-bindgen-cli.override { version = "…"; }`;
 *   an attribute set with `pname = "wasm-bindgen-cli"` and `version = "…"` (`fetchCrate` inside
 *   `buildWasmBindgenCli`), or `buildWasmBindgenCli { version = "…"; }`;
 * - rust-overlay `rust-bin.<channel>."<version or date>"` and `rust-bin.<channel>.latest`;
 *   fenix and nixpkgs-mozilla `toolchainOf`/`rustChannelOf { channel; date; }`,
 *   `fromToolchainName { name; }`, fenix profiles `stable.toolchain` (nightly for `minimal`,
 *   `default`, `complete`, `latest`);
 * - targets: `targets = [ "<triple>" … ]` and fenix `targets.<triple>.<profile>.rust-std`.
 *
 * `fromRustupToolchainFile`/`fromToolchainFile` read the rust-toolchain file, which the workspace
 * reader already has. A Nix version pin is tied to a hash, so it is never rewritten by `--fix`.
 */
import type { Located } from '../syntax/span.ts';
import type { SourceFile } from '../syntax/source.ts';
import { lexNix, type NixToken } from '../syntax/nix/lexer.ts';
import type { CiConfig } from './model.ts';
import { attach, emptyFindings, looksLikeTriple } from './shell.ts';

const BINDGEN_ATTR = /^wasm-bindgen-cli_(\d+)_(\d+)_(\d+)$/;
const CHANNELS = new Set(['stable', 'beta', 'nightly']);
const NIGHTLY_PROFILES = new Set(['minimal', 'default', 'complete', 'latest']);

interface Binding {
  readonly name: string;
  readonly value: NixToken;
  /** the list's items when the value is `[ … ]` */
  readonly items: readonly NixToken[];
}

export function readNix(file: SourceFile, dir: string): CiConfig {
  const tokens = lexNix(file.text);
  const found = emptyFindings();
  const where = { dir, dirExplicit: false };
  const located = (t: NixToken, value = t.text): Located<string> => ({ value, span: { file: file.id, start: t.start, end: t.end } });
  const bindgen = (version: Located<string>, via: string, at: NixToken) =>
    found.pins.push({ tool: 'wasm-bindgen', pin: 'exact', version, via, span: version.span, name: { file: file.id, start: at.start, end: at.end }, fixable: false, ...where });
  const toolchain = (version: Located<string>, via: string) => {
    found.toolchains.push(version);
    found.pins.push({ tool: 'rust', pin: /^\d/.test(version.value) || /-\d{4}-\d\d-\d\d$/.test(version.value) ? 'exact' : 'latest', version, via, span: version.span, fixable: false, ...where });
  };
  const target = (t: NixToken) => {
    if (t.kind === 'string' ? !t.dynamic && looksLikeTriple(t.text) : looksLikeTriple(t.text)) {
      found.targets.push({ target: t.text, span: { file: file.id, start: t.start, end: t.end }, kind: 'nix-toolchain-target', ...where });
    }
  };
  const at = (i: number): NixToken | undefined => tokens[i];
  const is = (i: number, text: string) => at(i)?.text === text && at(i)?.kind !== 'string';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as NixToken;
    const attr = t.kind === 'ident' ? BINDGEN_ATTR.exec(t.text) : null;
    if (attr) bindgen({ value: `${attr[1]}.${attr[2]}.${attr[3]}`, span: { file: file.id, start: t.start + 'wasm-bindgen-cli_'.length, end: t.end } }, 'nixpkgs', t);
    if (t.kind === 'ident' && t.text === 'rust-bin' && is(i + 1, '.') && CHANNELS.has(at(i + 2)?.text ?? '') && is(i + 3, '.')) {
      const channel = at(i + 2) as NixToken;
      const sel = at(i + 4);
      if (sel?.kind === 'string' && !sel.dynamic) toolchain(located(sel, channel.text === 'stable' ? sel.text : `${channel.text}-${sel.text}`), 'rust-overlay');
      else if (sel?.text === 'latest') toolchain(located(channel), 'rust-overlay');
    }
    if (t.kind === 'ident' && t.text === 'selectLatestNightlyWith') toolchain(located(t, 'nightly'), 'rust-overlay');
    if (t.kind === 'ident' && is(i + 1, '.') && is(i + 2, 'toolchain')) {
      const profile = CHANNELS.has(t.text) && t.text !== 'nightly' ? t.text : NIGHTLY_PROFILES.has(t.text) ? 'nightly' : undefined;
      if (profile) toolchain(located(t, profile), 'fenix');
    }
    if (t.kind === 'ident' && t.text === 'targets' && is(i + 1, '.') && at(i + 2)?.kind === 'ident' && is(i + 3, '.')) target(at(i + 2) as NixToken);
    if (t.text !== '{' || t.kind !== 'punct') continue;
    const bindings = attrSet(tokens, i);
    const get = (name: string) => bindings.find((b) => b.name === name)?.value;
    const literal = (name: string) => {
      const v = get(name);
      return v?.kind === 'string' && !v.dynamic ? v : undefined;
    };
    const version = literal('version');
    // `f rec { … }`: the function is before `rec`.
    const c = is(i - 1, 'rec') ? i - 2 : i - 1;
    const callee = at(c);
    const overrides = callee?.text === 'override' && is(c - 1, '.') && at(c - 2)?.text === 'wasm-bindgen-cli';
    if (version && (overrides || literal('pname')?.text === 'wasm-bindgen-cli' || callee?.text === 'buildWasmBindgenCli')) {
      bindgen(located(version), overrides ? 'wasm-bindgen-cli.override' : callee?.text === 'buildWasmBindgenCli' ? 'buildWasmBindgenCli' : 'fetchCrate', callee ?? version);
    }
    const channel = literal('channel');
    if (channel && (callee?.text === 'toolchainOf' || callee?.text === 'rustChannelOf')) {
      const date = literal('date');
      toolchain(located(channel, date && !/^\d/.test(channel.text) ? `${channel.text}-${date.text}` : channel.text), callee.text === 'toolchainOf' ? 'fenix' : 'nixpkgs-mozilla');
    }
    const name = literal('name');
    if (name && callee?.text === 'fromToolchainName') toolchain(located(name), 'fenix');
    for (const b of bindings) if (b.name === 'targets') b.items.forEach(target);
  }
  return attach(found, { source: 'nix', file, toolchains: found.toolchains });
}

/** The bindings `name = value;` directly inside the attribute set whose `{` is at `open`. */
function attrSet(tokens: readonly NixToken[], open: number): Binding[] {
  const out: Binding[] = [];
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as NixToken;
    if (t.kind === 'punct' && (t.text === '{' || t.text === '${' || t.text === '[' || t.text === '(')) depth++;
    else if (t.kind === 'punct' && (t.text === '}' || t.text === ']' || t.text === ')')) {
      if (--depth === 0) break;
    } else if (depth === 1 && t.kind === 'ident' && tokens[i + 1]?.text === '=' && tokens[i + 1]?.kind === 'punct' && bindingStarts(tokens, i, open)) {
      const value = tokens[i + 2];
      if (!value) break;
      out.push({ name: t.text, value, items: value.text === '[' && value.kind === 'punct' ? listItems(tokens, i + 2) : [] });
    }
  }
  return out;
}

/** The key at `i` ends an attribute path (`targets`, `languages.rust.targets`) that starts a binding. */
function bindingStarts(tokens: readonly NixToken[], i: number, open: number): boolean {
  let k = i;
  while (tokens[k - 1]?.text === '.' && tokens[k - 2]?.kind === 'ident') k -= 2;
  return k === open + 1 || tokens[k - 1]?.text === ';';
}

/** The string items of the list whose `[` is at `open` (nested lists and sets skipped). */
function listItems(tokens: readonly NixToken[], open: number): NixToken[] {
  const out: NixToken[] = [];
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i] as NixToken;
    if (t.kind === 'punct' && t.text === ']') break;
    if (t.kind === 'string') out.push(t);
  }
  return out;
}
