/**
 * Pure `--version` parsers (design.md §2.7). Each returns `undefined` for anything it does not
 * recognise; the caller turns that into an `unparsable` probe result.
 */
import type { RustcInfo } from './types.ts';

export interface ParsedVersion {
  readonly version: string;
  readonly rustc?: RustcInfo;
}

export type VersionParser = (stdout: string) => ParsedVersion | undefined;

/** A real `--version` output is a few hundred bytes; anything this long is not one. */
const MAX_OUTPUT_CHARS = 64 * 1024;

/** `X.Y.Z`, then an optional pre-release / build tag, then optional `(hash date)` groups, e.g. `(Homebrew)`. */
const SEMVER_TAIL = String.raw`v?(\d+\.\d+\.\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?(?: \([^()\n]*\))*`;

/** First non-blank line, without a BOM, surrounding blanks or a trailing CR. */
export function firstLine(text: string): string {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const end = start.indexOf('\n');
  return (end === -1 ? start : start.slice(0, end)).trimEnd();
}

function versionLine(stdout: string): string {
  return stdout.length > MAX_OUTPUT_CHARS ? '' : firstLine(stdout);
}

/** Parser for the common `<name> X.Y.Z[-pre] [(hash date)]` first line; `version` drops the pre-release tag. */
function semverLine(...names: readonly string[]): VersionParser {
  const pattern = new RegExp(`^(?:${names.join('|')}) ${SEMVER_TAIL}$`);
  return (stdout) => {
    const match = pattern.exec(versionLine(stdout));
    return match?.[1] === undefined ? undefined : { version: match[1] };
  };
}

/** `cargo 1.85.0 (d73d2caf9 2024-12-31)` */
export const parseCargo = semverLine('cargo');
/** `wasm-bindgen 0.2.93`, `wasm-bindgen 0.2.74 (27c7a4d06)`: a git hash does not change the version (facts.md §2.1). */
export const parseWasmBindgen = semverLine('wasm-bindgen');
/** `wasm-pack 0.13.1` */
export const parseWasmPack = semverLine('wasm-pack');
/** `trunk 0.21.14`, `trunk 0.22.0-beta.1` (→ `0.22.0`) */
export const parseTrunk = semverLine('trunk');
/** `wasmtime 17.0.0 (f72a8ab23 2024-01-22)`, older `wasmtime-cli 8.0.0` */
export const parseWasmtime = semverLine('wasmtime', 'wasmtime-cli');
/** `cargo-leptos 0.3.1` */
export const parseCargoLeptos = semverLine('cargo-leptos');

/** `wasm-opt version 116 (version_116)` → `116` (the binaryen release number). */
export function parseWasmOpt(stdout: string): ParsedVersion | undefined {
  const match = /^wasm-opt version (\d+)(?: \([^()\n]*\))?$/.exec(versionLine(stdout));
  return match?.[1] === undefined ? undefined : { version: match[1] };
}

const RUSTC_FIRST_LINE = new RegExp(`^rustc ${SEMVER_TAIL}$`);
const RUSTC_RELEASE = /^(\d+\.\d+\.\d+)(?:-([0-9A-Za-z.-]+))?$/;

/**
 * `rustc -vV`: the first line gives the version; `release:` (when present) wins over it,
 * `host:` and `commit-date:` fill {@link RustcInfo}. A bare `rustc --version` line also parses.
 */
export function parseRustc(stdout: string): ParsedVersion | undefined {
  const first = RUSTC_FIRST_LINE.exec(versionLine(stdout));
  if (first?.[1] === undefined) return undefined;
  const fields = verboseFields(stdout);
  const release = RUSTC_RELEASE.exec(fields.get('release') ?? '');
  const [version, pre] = release?.[1] === undefined ? [first[1], first[2]] : [release[1], release[2]];
  const host = fields.get('host');
  const commitDate = fields.get('commit-date');
  return {
    version,
    rustc: {
      channel: channelOf(pre),
      ...(host === undefined ? {} : { host }),
      ...(commitDate === undefined || commitDate === 'unknown' ? {} : { commitDate }),
    },
  };
}

function verboseFields(stdout: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^([a-zA-Z][a-zA-Z -]*):(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1], match[2].trim());
  }
  return fields;
}

function channelOf(pre: string | undefined): RustcInfo['channel'] {
  if (pre === undefined) return 'stable';
  if (pre === 'nightly') return 'nightly';
  if (pre === 'dev') return 'dev';
  if (pre === 'beta' || pre.startsWith('beta.')) return 'beta';
  return 'unknown';
}
