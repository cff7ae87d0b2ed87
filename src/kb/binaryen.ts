/**
 * wasm-opt (binaryen) facts (facts.md §3.4, §6, §10). Binaryen's default feature set is only
 * sign-ext and mutable-globals in every release; Rust 1.87 (LLVM 20) emits bulk-memory and
 * non-trapping float-to-int instructions by default. `version_117` (what wasm-pack 0.13–0.15
 * downloads) is reported to reject that output unless both features are enabled on the command line
 * (rust-lang/rust#141080, wasm-bindgen/wasm-pack#1501); older releases enable no more features, so
 * they are counted with it. Reports on newer releases are mixed (trunk-rs/trunk#967: a 1.87 nightly passed
 * with `version_122`/`version_123`; trunk-rs/trunk#991 failed with `version_123`): the outcome depends on
 * the module's `target_features` section, which facts.md marks UNVERIFIED, so they are never reported.
 */
import { compareVersions } from '../semver/cargo-req.ts';

/** Rust 1.`minor` enables bulk-memory and nontrapping-fptoint by default for wasm32 (facts.md §3.4). */
export const FEATURES_DEFAULT_SINCE = 87;

/** The newest binaryen release known to reject Rust 1.87+ output without the flags. */
export const KNOWN_BAD_THROUGH = 117;

export const isKnownBad = (release: number): boolean => release <= KNOWN_BAD_THROUGH;

/** The flags Rust 1.87+ output needs (facts.md §3.4), with the feature each one enables. */
export const REQUIRED_FLAGS: readonly { readonly flag: string; readonly feature: string }[] = [
  { flag: '--enable-bulk-memory', feature: 'bulk-memory' },
  { flag: '--enable-nontrapping-float-to-int', feature: 'nontrapping-float-to-int' },
];

/** Arguments that enable every feature, the two above included. */
const ALL_FEATURES = new Set(['--all-features', '-all']);

/** The required flags an argument list lacks. */
export function missingFlags(args: readonly string[]): string[] {
  if (args.some((a) => ALL_FEATURES.has(a))) return [];
  return REQUIRED_FLAGS.filter((r) => !args.includes(r.flag)).map((r) => r.flag);
}

/** `version_116` → 116; anything else is not a binaryen release tag. */
export function releaseOf(tag: string): number | undefined {
  const m = /^version_(\d+)$/.exec(tag.trim());
  return m ? Number(m[1]) : undefined;
}

/** trunk release → the binaryen release it downloads by default (`default_version` in `src/tools.rs` at each tag). */
const TRUNK_DEFAULTS: readonly (readonly [string, number])[] = [
  ['0.21.14', 123],
  ['0.18.0', 116],
  ['0.17.1', 113],
  ['0.17.0', 110],
  ['0.15.0', 105],
  ['0.12.0', 101],
];

/**
 * The binaryen release trunk downloads when nothing pins one and no wasm-opt is on PATH: version_116
 * up to 0.21.13, version_123 from 0.21.14 (facts.md §6); undefined before 0.12.0, which did not
 * download wasm-opt.
 */
export const trunkDefaultRelease = (trunk: string): number | undefined => TRUNK_DEFAULTS.find(([since]) => compareVersions(trunk, since) >= 0)?.[1];

/** The newest stable trunk release the table knows (trunk-rs/trunk tag v0.21.14, 2025-05-08, facts.md §6 and its source list). */
const NEWEST_TRUNK = '0.21.14';

/** The binaryen release a trunk a CI job or image installs downloads; undefined after the newest release the table knows. */
const trunkInstalledRelease = (trunk: string): number | undefined => (compareVersions(trunk, NEWEST_TRUNK) > 0 ? undefined : trunkDefaultRelease(trunk));

/**
 * wasm-pack release → the binaryen release it downloads when no wasm-opt is on PATH (the URL built
 * in `src/install/mod.rs`, `src/wasm_opt.rs` before 0.9.1), newest first. rustwasm/wasm-pack@v0.9.0:
 * src/wasm_opt.rs L87 (version_78); @v0.10.3:src/install/mod.rs L210 (version_90 from 0.9.1);
 * @v0.11.0:src/install/mod.rs L204 (version_111, same through v0.12.1); @v0.13.0:src/install/mod.rs
 * L206 (version_117, same at v0.13.1); wasm-bindgen/wasm-pack@v0.14.0 and @v0.15.0:src/install/mod.rs
 * (version_117) (facts.md §10; wasm-pack `src/install/mod.rs` per tag, see rules/wasm-opt/features-missing.md). 0.8.1 and older run no wasm-opt.
 */
const WASM_PACK_DOWNLOADS: readonly (readonly [string, number])[] = [
  ['0.13.0', 117],
  ['0.11.0', 111],
  ['0.9.1', 90],
  ['0.9.0', 78],
];

/** The newest wasm-pack release the table knows (wasm-bindgen/wasm-pack tag v0.15.0, 2026-05-14, facts.md §1). */
const NEWEST_WASM_PACK = '0.15.0';

/**
 * The binaryen release wasm-pack downloads when no wasm-opt is on PATH; undefined before 0.9.0
 * (no wasm-opt step) and after the newest release the table knows.
 */
export const wasmPackDownloadRelease = (wasmPack: string): number | undefined =>
  compareVersions(wasmPack, NEWEST_WASM_PACK) > 0 ? undefined : WASM_PACK_DOWNLOADS.find(([since]) => compareVersions(wasmPack, since) >= 0)?.[1];

/** The builders that download a wasm-opt: the newest release the tables know, and the binaryen each release downloads. */
export const BUILDER_DOWNLOADS: Readonly<Record<'wasm-pack' | 'trunk', { readonly newest: string; readonly release: (version: string) => number | undefined }>> = {
  'wasm-pack': { newest: NEWEST_WASM_PACK, release: wasmPackDownloadRelease },
  trunk: { newest: NEWEST_TRUNK, release: trunkInstalledRelease },
};
