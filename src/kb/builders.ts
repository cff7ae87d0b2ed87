/**
 * Builders that bring their own wasm-bindgen instead of running the project's: which wasm-bindgen a
 * release of cargo-leptos or of the Dioxus CLI (`dx`, crate `dioxus-cli`) uses, where that is
 * certain. Sources (research-builders.md §1, §2): each release's `Cargo.toml` (the
 * `wasm-bindgen-cli-support` requirement) and `Cargo.lock` at its tag or version-bump commit.
 *
 * A caret requirement links the newest matching wasm-bindgen published when `cargo install` runs
 * (without `--locked` the packaged lock is ignored: doc.rust-lang.org/cargo/commands/cargo-install.html,
 * "Dealing with the Lockfile"), so only an exact `=` pin, or a `--locked` install of a release
 * whose lock is known, says which version runs. Releases outside these tables are never guessed.
 */
import { compareVersions, parseVersion } from '../semver/cargo-req.ts';

export type BundlingBuilder = 'cargo-leptos' | 'dioxus-cli';

/** [first release, last release, wasm-bindgen version]: inclusive ranges of plain `X.Y.Z` releases. */
type Rows = readonly (readonly [string, string, string])[];

/**
 * cargo-leptos 0.2.16–0.2.22 depend on `wasm-bindgen-cli-support` with an exact `=` requirement
 * (leptos-rs/cargo-leptos@v0.2.16, @v0.2.17: `=0.2.92`; @v0.2.18, @v0.2.19, @v0.2.20: `=0.2.93`;
 * @v0.2.21: `=0.2.95`; @v0.2.22: `=0.2.96`, each `:Cargo.toml`).
 */
const LEPTOS_EXACT: Rows = [
  ['0.2.16', '0.2.17', '0.2.92'],
  ['0.2.18', '0.2.20', '0.2.93'],
  ['0.2.21', '0.2.21', '0.2.95'],
  ['0.2.22', '0.2.22', '0.2.96'],
];

/**
 * The `wasm-bindgen-cli-support` in cargo-leptos's `Cargo.lock` for releases 0.0.1–0.2.47, which link
 * it (leptos-rs/cargo-leptos@<tag>:Cargo.lock; untagged 0.0.7 @f127812, 0.1.2 @0d50416, 0.1.3
 * @8b9ce8c, 0.2.8 @1ca6113). 0.1.12-alpha is left out: it may never have been published.
 */
const LEPTOS_LOCKED: Rows = [
  ['0.0.1', '0.1.5', '0.2.83'],
  ['0.1.6', '0.1.8', '0.2.84'],
  ['0.1.9', '0.1.10', '0.2.86'],
  ['0.1.11', '0.2.1', '0.2.87'],
  ['0.2.2', '0.2.3', '0.2.88'],
  ['0.2.4', '0.2.8', '0.2.89'],
  ['0.2.9', '0.2.15', '0.2.91'],
  ...LEPTOS_EXACT,
  ['0.2.23', '0.2.24', '0.2.99'],
  ['0.2.25', '0.2.42', '0.2.100'],
  ['0.2.43', '0.2.43', '0.2.101'],
  ['0.2.44', '0.2.44', '0.2.103'],
  ['0.2.45', '0.2.46', '0.2.104'],
  ['0.2.47', '0.2.47', '0.2.105'],
];

/**
 * cargo-leptos 0.3.0 links no wasm-bindgen: it downloads `VersionConfig::default_version()` =
 * 0.2.104 unless `LEPTOS_WASM_BINDGEN_VERSION` is set or a `wasm-bindgen` is on PATH, which wins
 * (leptos-rs/cargo-leptos@v0.3.0:src/config/version.rs, src/ext/exe.rs). From 0.3.1 it reads the
 * project's Cargo.lock (@v0.3.1:src/ext/exe.rs `detect_version_from_project`).
 */
export const LEPTOS_DEFAULT_DOWNLOAD = { release: '0.3.0', version: '0.2.104', override: 'LEPTOS_WASM_BINDGEN_VERSION' } as const;
export const LEPTOS_READS_LOCK_SINCE = '0.3.1';

/**
 * dioxus-cli releases that link `wasm-bindgen-cli-support` (always a caret requirement), with the
 * version in their lock: 0.2.0, 0.3.0 (DioxusLabs/dioxus@d39045799, @21172850e), 0.3.1 (@c4a307ac9),
 * 0.4.0 (@39e89c1fa:packages/cli/Cargo.lock), 0.4.1 (@v0.4.1:packages/cli/Cargo.lock), 0.5.0–0.5.6
 * (@v0.5.x:Cargo.lock), 0.6.0 (@v0.6.0:Cargo.lock). 0.1.x had no lock, 0.4.2 may not exist and 0.4.3
 * has no lock at its tag. From 0.6.1 dx installs the project's own version
 * (@v0.6.1:packages/cli/src/wasm_bindgen.rs, src/build/verify.rs).
 */
const DX_LOCKED: Rows = [
  ['0.2.0', '0.3.0', '0.2.82'],
  ['0.3.1', '0.3.1', '0.2.84'],
  ['0.4.0', '0.4.1', '0.2.87'],
  ['0.5.0', '0.5.6', '0.2.92'],
  ['0.6.0', '0.6.0', '0.2.97'],
];
export const DX_INSTALLS_PROJECT_VERSION_SINCE = '0.6.1';

export interface BundledBindgen {
  /** the wasm-bindgen version the builder runs */
  readonly version: string;
  /** `exact`: an `=` requirement in the release; `locked`: its lock, with `cargo install --locked`; `default`: a download default */
  readonly how: 'exact' | 'locked' | 'default';
}

const lookup = (rows: Rows, release: string): string | undefined =>
  rows.find(([lo, hi]) => compareVersions(release, lo) >= 0 && compareVersions(release, hi) <= 0)?.[2];

/**
 * The wasm-bindgen a builder release certainly runs, when installed with `cargo install` (`locked`:
 * with `--locked`); undefined when it depends on the install date, on the project, or is unknown.
 * The 0.3.0 download default holds only without a PATH `wasm-bindgen` and without the override variable.
 */
export function bundledBindgen(builder: BundlingBuilder, release: string, locked: boolean): BundledBindgen | undefined {
  const v = parseVersion(release);
  if (!v || v.pre.length > 0) return undefined;
  if (builder === 'cargo-leptos') {
    const exact = lookup(LEPTOS_EXACT, release);
    if (exact) return { version: exact, how: 'exact' };
    if (release === LEPTOS_DEFAULT_DOWNLOAD.release) return { version: LEPTOS_DEFAULT_DOWNLOAD.version, how: 'default' };
  }
  const lock = locked ? lookup(builder === 'cargo-leptos' ? LEPTOS_LOCKED : DX_LOCKED, release) : undefined;
  return lock ? { version: lock, how: 'locked' } : undefined;
}
