/** getrandom and its carriers on wasm32-unknown-unknown (facts.md §4). */
import { cargoReqAdmits, compareVersions, compatKey, parseVersion } from '../semver/cargo-req.ts';

export type Major = '0.2' | '0.3' | '0.4';

/** The Cargo feature that gives each major its JS backend. */
export const JS_FEATURE: Readonly<Record<Major, string>> = { '0.2': 'js', '0.3': 'wasm_js', '0.4': 'wasm_js' };

/** The optional dependencies that feature adds; Cargo.lock lists them only when it is on somewhere. */
export const JS_DEPENDENCIES: readonly string[] = ['js-sys', 'wasm-bindgen'];

/** The backend cfg: `--cfg getrandom_backend="<name>"`. */
export const BACKEND_CFG = 'getrandom_backend';

/** The semver-compatible line of a version (`0.2.15` → `0.2`); undefined for an invalid one. */
const lineOf = (version: string): string | undefined => (parseVersion(version) ? compatKey(version) : undefined);

export const majorOf = (version: string): Major | undefined => {
  const key = lineOf(version);
  return key === '0.2' || key === '0.3' || key === '0.4' ? key : undefined;
};

/** The first 0.3 release where the feature alone is enough (CHANGELOG 0.3.4, PR #730). */
export const FEATURE_ALONE_SINCE = '0.3.4';

/** 0.3.0–0.3.3 select the JS backend only with the cfg. */
export const needsBackendCfg = (version: string): boolean => majorOf(version) === '0.3' && compareVersions(version, FEATURE_ALONE_SINCE) < 0;

/**
 * Crates that compile getrandom on every target when one of `features` is on (`default` when
 * `byDefault`), from their Cargo.toml per tag: rand 0.8 `std`/`getrandom` → rand_core 0.6
 * `getrandom`; rand 0.9 `os_rng`/`thread_rng` → rand_core 0.9 `os_rng`; rand 0.10 `sys_rng`/`thread_rng`.
 */
export interface Carrier {
  readonly crate: string;
  /** the carrier's semver-compatible line */
  readonly line: string;
  readonly getrandom: Major;
  readonly features: readonly string[];
  readonly byDefault: boolean;
}

export const CARRIERS: readonly Carrier[] = [
  { crate: 'rand', line: '0.8', getrandom: '0.2', features: ['std', 'getrandom'], byDefault: true },
  { crate: 'rand', line: '0.9', getrandom: '0.3', features: ['os_rng', 'thread_rng'], byDefault: true },
  { crate: 'rand', line: '0.10', getrandom: '0.4', features: ['sys_rng', 'thread_rng'], byDefault: true },
  { crate: 'rand_core', line: '0.6', getrandom: '0.2', features: ['std', 'getrandom'], byDefault: false },
  { crate: 'rand_core', line: '0.9', getrandom: '0.3', features: ['os_rng'], byDefault: false },
];

export const carrierOf = (crate: string, version: string): Carrier | undefined => carrierOnLine(crate, lineOf(version));

/** The compile errors (facts.md §4 "Exact compile errors"), first line. */
export const ERRORS = {
  jsFeature: 'the wasm*-unknown-unknown targets are not supported by default, you may need to enable the "js" feature',
  configurationFlag: 'The wasm32-unknown-unknown targets are not supported by default; you may need to enable the "wasm_js" configuration flag',
  backendNeedsFeature: 'The "wasm_js" backend requires the `wasm_js` feature for `getrandom`',
  crateFeature: 'The wasm32-unknown-unknown targets are not supported by default; you may need to enable the "wasm_js" crate feature',
} as const;

/** What rustc prints for a major whose backend is missing (`cfgSet`: `getrandom_backend="wasm_js"` is passed). */
export function errorFor(major: Major, cfgSet: boolean): string {
  if (major === '0.2') return ERRORS.jsFeature;
  if (major === '0.4') return ERRORS.crateFeature;
  return cfgSet ? ERRORS.backendNeedsFeature : ERRORS.configurationFlag;
}

/**
 * The releases this knowledge base knows, per line (rust-random/getrandom CHANGELOG.md@v0.4.3,
 * facts.md §4). Without a Cargo.lock Cargo picks the newest release a requirement admits; a
 * requirement that admits none of these (a newer release) is not judged.
 */
export const KNOWN_RELEASES: readonly string[] = [
  ...Array.from({ length: 18 }, (_, i) => `0.2.${i}`),
  ...Array.from({ length: 5 }, (_, i) => `0.3.${i}`),
  ...Array.from({ length: 4 }, (_, i) => `0.4.${i}`),
];

/** The carrier of a crate on a requirement's semver-compatible line (`rand = "0.8"`). */
export const carrierOnLine = (crate: string, line: string | undefined): Carrier | undefined => CARRIERS.find((c) => c.crate === crate && c.line === line);

/** The newest known release a requirement admits (Cargo's choice without a lock); undefined when it admits none of them. */
export const newestAdmitted = (req: string): string | undefined => [...KNOWN_RELEASES].reverse().find((v) => cargoReqAdmits(req, v) === true);
