/** tokio on wasm targets (facts.md §8, tokio-rs/tokio `tokio/src/lib.rs`). */

/** Features tokio's `compile_error!` rejects on `target_family = "wasm"` without `--cfg tokio_unstable` (`full` enables them all). */
export const UNSUPPORTED_ON_WASM: ReadonlySet<string> = new Set(['full', 'fs', 'io-std', 'net', 'process', 'rt-multi-thread', 'signal']);

/** The features tokio allows on wasm. */
export const SUPPORTED_ON_WASM: readonly string[] = ['sync', 'macros', 'io-util', 'rt', 'time'];

/** With this cfg tokio lifts the check (WASI sockets through `FromRawFd`). */
export const UNSTABLE_CFG = 'tokio_unstable';

export const WASM_ERROR = 'error: Only features sync,macros,io-util,rt,time are supported on wasm.';
