/**
 * The rule SDK: the only module rules/ may import from (design.md §2.2). Rules state intent with
 * these helpers; parsers, semver and the knowledge base stay behind this line.
 */
export type { Diagnostic, Finding, Fix, Label, RuleId, Severity, Span, TextEdit } from './diagnostic/types.ts';
export { primary, secondary, replace, insertAt, editFix, commandFix, shellJoin } from './diagnostic/build.ts';
export { defineRule, type Rule, type RuleContext, type FixAvailability, type Need } from './engine/types.ts';
export type { ProbeResult, ToolId, ToolSet, RustcInfo } from './probe/types.ts';
export type {
  CargoConfig,
  Dependency,
  Located,
  LockedPackage,
  Lockfile,
  Manifest,
  Project,
  ToolchainFile,
  TrunkConfig,
  Workspace,
} from './project/model.ts';
export { activeToolchain, activeTrunkConfigs, dependenciesOn, lockedPackages, normalizeCrate, targetMentions, type ActiveToolchain, type TargetMention } from './project/queries.ts';
export { wasmBuilds, appliesTo, type WasmBuild, type WasmBuilder } from './project/builds.ts';
export { targetKeyApplies } from './project/cfg.ts';
export { resolveFeatures, isActive, featuresOf, type FeatureSet } from './project/features.ts';
export { resolveRef, memberEntry, packageKey, reach, dependents } from './project/lockgraph.ts';
export { compatKey, compareVersions, exactPin, matchesCargoReq, parseVersion, reqCompatKey, reqLowerBound } from './version/cargo-req.ts';
export * as bindgen from './kb/wasm-bindgen.ts';
export * as rust from './kb/rust.ts';
export * as egui from './kb/egui.ts';

/** `` `text` `` for messages; backticks inside are dropped so the quoting stays balanced. */
export const code = (text: string): string => `\`${text.replace(/`/g, '')}\``;
