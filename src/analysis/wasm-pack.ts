/** wasm-pack settings read from `[package.metadata.wasm-pack]` (wasm-pack `src/manifest/mod.rs`). */
import type { Span } from '../diagnostic/types.ts';
import type { Manifest } from '../workspace/model.ts';
import { asArray, asBool, get, stringItems } from '../syntax/toml/toml.ts';

/** How `wasm-pack build` (the release profile) runs wasm-opt. */
export type WasmPackWasmOpt =
  /** `wasm-opt = false` */
  | { readonly kind: 'disabled'; readonly span: Span }
  /** nothing set, or `wasm-opt = true`: wasm-pack passes `-O` */
  | { readonly kind: 'default'; readonly span?: Span }
  /** `wasm-opt = ["-O", ...]`: exactly these arguments */
  | { readonly kind: 'args'; readonly args: readonly string[]; readonly span: Span };

export function wasmPackWasmOpt(m: Manifest): WasmPackWasmOpt {
  const node = get(m.toml, 'package', 'metadata', 'wasm-pack', 'profile', 'release', 'wasm-opt');
  if (node === undefined) return { kind: 'default' };
  const enabled = asBool(node);
  if (enabled === false) return { kind: 'disabled', span: node.span };
  if (asArray(node)) return { kind: 'args', args: stringItems(node).map((s) => s.value), span: node.span };
  return { kind: 'default', span: node.span };
}
