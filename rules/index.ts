/** Every rule, sorted by id. The meta-test checks this list against the files in rules/. */
import type { Rule } from '../src/api.ts';
import coreInvalidConfig from './core/invalid-config.ts';
import coreInvalidToml from './core/invalid-toml.ts';
import coreLockfileUnsupported from './core/lockfile-unsupported.ts';
import coreRuleCrashed from './core/rule-crashed.ts';
import coreUnreadableFile from './core/unreadable-file.ts';
import coreWorkspaceMemberMissing from './core/workspace-member-missing.ts';
import eguiVersionMismatch from './egui/version-mismatch.ts';
import toolchainTargetUnsupported from './toolchain/target-unsupported.ts';
import wasiTargetRenamed from './wasi/target-renamed.ts';
import wasmBindgenCliVersionMismatch from './wasm-bindgen/cli-version-mismatch.ts';

export const RULES: readonly Rule[] = [
  coreInvalidConfig,
  coreInvalidToml,
  coreLockfileUnsupported,
  coreRuleCrashed,
  coreUnreadableFile,
  coreWorkspaceMemberMissing,
  eguiVersionMismatch,
  toolchainTargetUnsupported,
  wasiTargetRenamed,
  wasmBindgenCliVersionMismatch,
];
