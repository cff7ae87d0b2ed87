/** yew's rendering features (facts.md §7). */

/** `csr`, `ssr` and `hydration` exist since yew 0.20.0; `default = []`. */
export const RENDER_FEATURES_SINCE = '0.20.0';

/** Features that compile the client renderer (`yew::Renderer`): `hydration` enables `csr`. */
export const CLIENT_FEATURES: readonly string[] = ['csr', 'hydration'];
