/** yew's rendering features (facts.md §7). */

/** `csr`, `ssr` and `hydration` exist since yew 0.20.0; `default = []`. */
export const RENDER_FEATURES_SINCE = '0.20.0';

/** Features that compile the client renderer (`yew::Renderer`): `hydration` enables `csr`. */
export const CLIENT_FEATURES: readonly string[] = ['csr', 'hydration'];

/**
 * Code that names yew's client renderer: `yew::Renderer::<App>::new().render()` (or `.hydrate()`),
 * the client entry point since 0.20, or a `use yew::Renderer` / `use yew::{…, Renderer}` import
 * (facts.md §7, `packages/yew/src/lib.rs`: `#[cfg(feature = "csr")] mod renderer;`). A bare
 * `Renderer` may be a crate's own type; `ServerRenderer` is `ssr`. Neither matches.
 */
export const RENDERER_USE = /\byew::Renderer\b|\buse\s+yew::\{[^}]*\bRenderer\b/;
