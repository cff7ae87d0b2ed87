/** Every rule with a check, sorted by id. The meta-test checks this list against the files in rules/. */
import type { Rule } from '../src/api.ts';
import cargoCdylibMissing from './cargo/cdylib-missing.ts';
import cargoDuplicateFramework from './cargo/duplicate-framework.ts';
import cargoToml11UnsupportedToolchain from './cargo/toml-1-1-unsupported-toolchain.ts';
import eguiVersionMismatch from './egui/version-mismatch.ts';
import getrandomWasmBackendMissing from './getrandom/wasm-backend-missing.ts';
import tokioWasmFeaturesUnsupported from './tokio/wasm-features-unsupported.ts';
import toolchainMsrvTooOld from './toolchain/msrv-too-old.ts';
import toolchainNotInstalled from './toolchain/not-installed.ts';
import toolchainTargetMissing from './toolchain/target-missing.ts';
import toolchainTargetUnsupported from './toolchain/target-unsupported.ts';
import trunkVersionMismatch from './trunk/version-mismatch.ts';
import wasiComponentRuntimeUnsupported from './wasi/component-runtime-unsupported.ts';
import wasiTargetRenamed from './wasi/target-renamed.ts';
import wasmBindgenCliUnpinned from './wasm-bindgen/cli-unpinned.ts';
import wasmBindgenCliVersionMismatch from './wasm-bindgen/cli-version-mismatch.ts';
import wasmBindgenCrateFamilyDrift from './wasm-bindgen/crate-family-drift.ts';
import wasmBindgenTooOld from './wasm-bindgen/too-old.ts';
import wasmOptFeaturesMissing from './wasm-opt/features-missing.ts';
import yewCsrFeatureMissing from './yew/csr-feature-missing.ts';

export const RULES: readonly Rule[] = [
  cargoCdylibMissing,
  cargoDuplicateFramework,
  cargoToml11UnsupportedToolchain,
  eguiVersionMismatch,
  getrandomWasmBackendMissing,
  tokioWasmFeaturesUnsupported,
  toolchainMsrvTooOld,
  toolchainNotInstalled,
  toolchainTargetMissing,
  toolchainTargetUnsupported,
  trunkVersionMismatch,
  wasiComponentRuntimeUnsupported,
  wasiTargetRenamed,
  wasmBindgenCliUnpinned,
  wasmBindgenCliVersionMismatch,
  wasmBindgenCrateFamilyDrift,
  wasmBindgenTooOld,
  wasmOptFeaturesMissing,
  yewCsrFeatureMissing,
];
