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
      /** found on PATH and not run: a tool whose presence is all the rules ask (rustup) */
      readonly ok: true;
      readonly tool: ToolId;
      readonly located: true;
      readonly version?: undefined;
      readonly rustc?: undefined;
      readonly raw: string;
      readonly path: string;
      readonly command: string;
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

/** A tool that was run and answered with its version. */
export type VersionedResult = Extract<ProbeResult, { version: string }>;

export const hasVersion = (result: ProbeResult): result is VersionedResult => result.ok && result.version !== undefined;
