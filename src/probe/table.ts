/** Tool id → how to ask it for its version (design.md §2.7). The binary name is the tool id. */
import {
  parseCargo,
  parseCargoLeptos,
  parseRustc,
  parseTrunk,
  parseWasmBindgen,
  parseWasmOpt,
  parseWasmPack,
  parseWasmtime,
  type VersionParser,
} from './parse.ts';
import type { ToolId } from './types.ts';

/** How a tool is asked for its version, or `locate` for a tool found on PATH and never run. */
export type ProbeSpec = { readonly argv: readonly string[]; readonly parse: VersionParser } | { readonly locate: true };

const VERSION = ['--version'] as const;

export const PROBES = {
  rustc: { argv: ['-vV'], parse: parseRustc },
  cargo: { argv: VERSION, parse: parseCargo },
  // Only rustup's presence matters (is `rustup target add` available?), and `rustup --version`
  // runs the active rustc too: two processes for an answer a PATH lookup gives.
  rustup: { locate: true },
  'wasm-bindgen': { argv: VERSION, parse: parseWasmBindgen },
  'wasm-pack': { argv: VERSION, parse: parseWasmPack },
  trunk: { argv: VERSION, parse: parseTrunk },
  'wasm-opt': { argv: VERSION, parse: parseWasmOpt },
  wasmtime: { argv: VERSION, parse: parseWasmtime },
  'cargo-leptos': { argv: VERSION, parse: parseCargoLeptos },
} as const satisfies Record<ToolId, ProbeSpec>;

export function isToolId(name: string): name is ToolId {
  return Object.hasOwn(PROBES, name);
}

/** Human-readable command, e.g. `rustc -vV`; a located tool's is its name. */
export function probeCommand(tool: ToolId): string {
  const spec: ProbeSpec = PROBES[tool];
  return 'argv' in spec ? [tool, ...spec.argv].join(' ') : tool;
}

/** Every tool wasm-doctor knows how to probe, sorted. */
export const PROBE_IDS: readonly ToolId[] = (Object.keys(PROBES) as ToolId[]).sort();
