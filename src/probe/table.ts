/** Tool id → how to ask it for its version (design.md §2.7). The binary name is the tool id. */
import {
  parseCargo,
  parseCargoLeptos,
  parseRustc,
  parseRustup,
  parseTrunk,
  parseWasmBindgen,
  parseWasmOpt,
  parseWasmPack,
  parseWasmtime,
  type VersionParser,
} from './parse.ts';
import type { ToolId } from './types.ts';

export interface ProbeSpec {
  readonly argv: readonly string[];
  readonly parse: VersionParser;
}

const VERSION = ['--version'] as const;

export const PROBES = {
  rustc: { argv: ['-vV'], parse: parseRustc },
  cargo: { argv: VERSION, parse: parseCargo },
  rustup: { argv: VERSION, parse: parseRustup },
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

/** Human-readable command, e.g. `rustc -vV`. */
export function probeCommand(tool: ToolId): string {
  return [tool, ...PROBES[tool].argv].join(' ');
}

/** Every tool wasm-doctor knows how to probe, sorted. */
export const PROBE_IDS: readonly ToolId[] = (Object.keys(PROBES) as ToolId[]).sort();
