/** Result of running one tool. Never an exception (design.md §2.7). */
export type ToolId =
  | 'rustc'
  | 'cargo'
  | 'rustup'
  | 'wasm-bindgen'
  | 'wasm-pack'
  | 'trunk'
  | 'wasm-opt'
  | 'wasmtime'
  | 'cargo-leptos';

export type ProbeFailure = 'not-found' | 'timeout' | 'exit-nonzero' | 'unparsable' | 'not-executable' | 'skipped';

export interface RustcInfo {
  /** host triple from `rustc -vV` */
  readonly host?: string;
  readonly commitDate?: string;
  readonly channel: 'stable' | 'beta' | 'nightly' | 'dev' | 'unknown';
  /** `rustc --print sysroot` */
  readonly sysroot?: string;
  /** targets whose std is installed: `<sysroot>/lib/rustlib/<target>/lib` exists */
  readonly installedTargets?: readonly string[];
}

export type ProbeResult =
  | {
      readonly ok: true;
      readonly tool: ToolId;
      /** `X.Y.Z`; for wasm-opt the binaryen release number alone, e.g. `116` */
      readonly version: string;
      readonly raw: string;
      readonly path: string;
      readonly command: string;
      readonly rustc?: RustcInfo;
    }
  | {
      readonly ok: false;
      readonly tool: ToolId;
      readonly reason: ProbeFailure;
      readonly detail: string;
      readonly command: string;
    };

export interface ToolSet {
  get(tool: ToolId): ProbeResult;
  /** every probed tool, sorted by id */
  all(): readonly ProbeResult[];
}
