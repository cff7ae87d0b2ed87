/** yew's rendering features (facts.md §7). */

/** `csr`, `ssr` and `hydration` exist since yew 0.20.0; `default = []`. */
export const RENDER_FEATURES_SINCE = '0.20.0';

/** Features that compile the client renderer (`yew::Renderer`): `hydration` enables `csr`. */
export const CLIENT_FEATURES: readonly string[] = ['csr', 'hydration'];

/**
 * Code that mounts the client renderer: `yew::Renderer`, `Renderer::<App>::new().render()` or
 * `.hydrate()`, the client entry point since 0.20 (facts.md §7,
 * `packages/yew/src/lib.rs`: `#[cfg(feature = "csr")] mod renderer;`). `ServerRenderer` is `ssr` and does not match.
 */
export const RENDERER_USE = /(?<![A-Za-z0-9_])Renderer\b/;
