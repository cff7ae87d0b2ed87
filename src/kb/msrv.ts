/**
 * Minimum supported Rust versions (`rust-version` in each crate's manifest) of wasm-toolchain
 * crates, for the releases wasm-doctor has checked. Cargo refuses to build a package whose
 * `rust-version` is newer than the compiler. Ranges are `[from, below)`; a release outside every
 * range is unknown and never reported.
 */
import { compareVersions, parseVersion } from '../semver/cargo-req.ts';

export interface MsrvRange {
  readonly crate: string;
  readonly from: string;
  readonly below: string;
  /** the MSRV is Rust 1.`minor` */
  readonly minor: number;
  readonly source: string;
}

const BINDGEN_LIB = 'facts.md §2.3; `rust-version` in wasm-bindgen/wasm-bindgen `Cargo.toml` at each tag (0.2.115–0.2.117 read from the tags)';
const BINDGEN_CLI = 'facts.md §2.3; `rust-version` in wasm-bindgen/wasm-bindgen `crates/cli/Cargo.toml` and `crates/cli-support/Cargo.toml` at each tag';
const EGUI = 'facts.md §5: `rust-version` in emilk/egui `Cargo.toml` per tag, inherited by every crate of the workspace';
const YEW = 'facts.md §7: yewstack/yew `packages/yew/Cargo.toml` and CHANGELOG per tag';
const RANDOM = 'facts.md §4: rust-random/getrandom and rust-random/rand `Cargo.toml` per tag';

const range = (crate: string, from: string, below: string, minor: number, source: string): MsrvRange => ({ crate, from, below, minor, source });
const cli = (crate: string): MsrvRange[] => [
  range(crate, '0.2.93', '0.2.101', 76, BINDGEN_CLI),
  range(crate, '0.2.101', '0.2.118', 82, BINDGEN_CLI),
  range(crate, '0.2.118', '0.2.128', 86, BINDGEN_CLI),
];
/** egui crates that inherit the workspace `rust-version` (`rust-version.workspace = true` in each, checked at 0.24.0 … 0.36.0). */
const EGUI_CRATES = ['egui', 'eframe', 'ecolor', 'emath', 'epaint', 'egui-winit', 'egui-wgpu', 'egui_glow', 'egui_extras'];
const egui = (from: string, below: string, minor: number): MsrvRange[] => EGUI_CRATES.map((crate) => range(crate, from, below, minor, EGUI));

export const MSRV: readonly MsrvRange[] = [
  range('wasm-bindgen', '0.2.106', '0.2.118', 71, BINDGEN_LIB),
  range('wasm-bindgen', '0.2.118', '0.2.128', 77, BINDGEN_LIB),
  ...cli('wasm-bindgen-cli'),
  ...cli('wasm-bindgen-cli-support'),
  ...egui('0.24.0', '0.28.0', 72),
  ...egui('0.28.0', '0.30.0', 76),
  ...egui('0.30.0', '0.31.0', 80),
  ...egui('0.31.0', '0.32.0', 81),
  ...egui('0.32.0', '0.33.0', 85),
  ...egui('0.33.0', '0.34.0', 88),
  ...egui('0.34.0', '0.36.0', 92),
  ...egui('0.36.0', '0.37.0', 95),
  range('yew', '0.20.0', '0.21.0', 60, YEW),
  range('yew', '0.21.0', '0.22.0', 64, YEW),
  range('yew', '0.22.0', '0.24.0', 84, YEW),
  range('getrandom', '0.3.0', '0.4.0', 63, RANDOM),
  range('getrandom', '0.4.0', '0.5.0', 85, RANDOM),
  range('rand', '0.10.0', '0.11.0', 85, RANDOM),
];

/** The known MSRV of a locked release, or undefined. Pre-releases and invalid versions are not covered. */
export function msrvOf(crate: string, version: string): MsrvRange | undefined {
  if (parseVersion(version)?.pre !== '') return undefined;
  return MSRV.find((r) => r.crate === crate && compareVersions(version, r.from) >= 0 && compareVersions(version, r.below) < 0);
}

