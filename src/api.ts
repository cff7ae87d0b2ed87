/**
 * The rule SDK: the only module rules/ may import from (design.md §2.2). Rules state intent with
 * these helpers; parsers, semver and the knowledge base stay behind this line.
 */
export type { Diagnostic, Finding, Fix, Label, RuleId, Severity, Span, TextEdit } from './diagnostic/types.ts';
export { primary, secondary, replace, insertAt, editFix, commandFix, shellJoin } from './diagnostic/build.ts';
export { defineRule, type Rule, type RuleContext, type RuleMeta, type FixAvailability, type Need } from './rule.ts';
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
  CiContext,
  TargetUse,
  ToolPin,
} from './workspace/model.ts';
export { ciJobLabel, ciPins, ciTargetUses, ciToolchain, describeCiPin, type CiToolchain } from './analysis/ci-queries.ts';
export { activeToolchain, activeTrunkConfigs, configCfgs, mentionedOutsideCargo, dependenciesOn, lockedPackages, normalizeCrate, targetMentions, trunkConfigFor, type ActiveToolchain, type RustcCfg, type TargetMention } from './analysis/workspace-queries.ts';
export { wasmBuilds, appliesTo, trunkRustLinks, type TrunkRustLink, type WasmBuild, type WasmBuilder } from './analysis/builds.ts';
export { compiledCrates, compiledDeps, describeBuild, type CompiledCrate } from './analysis/workspace-crates.ts';
export { targetKeyApplies } from './analysis/cfg.ts';
export { wasmPackWasmOpt, type WasmPackWasmOpt } from './analysis/wasm-pack.ts';
export { resolveFeatures, isActive, featuresOf, type FeatureSet } from './analysis/features.ts';
export { resolveRef, memberEntry, packageKey, packagesNamed, reach, walkLock, dependents, lockedDependency, type LockPath } from './analysis/lockgraph.ts';
export { lockedInBuild, pathsFromMembers, describePath } from './analysis/locked-crates.ts';
export { msrvViolations, requiredMsrvViolations, type MsrvViolation } from './analysis/msrv.ts';
export { plainPageBuilds } from './analysis/pages.ts';
export { compatKey, compareVersions, exactPin, matchesCargoReq, parseCargoReq, parseVersion, reqCompatKey, reqLowerBound, reqMatches } from './semver/cargo-req.ts';
export * as bindgen from './kb/wasm-bindgen.ts';
export * as rust from './kb/rust.ts';
export * as egui from './kb/egui.ts';
export * as msrv from './kb/msrv.ts';
export * as frameworks from './kb/frameworks.ts';
export * as getrandom from './kb/getrandom.ts';
export * as tokio from './kb/tokio.ts';
export * as yew from './kb/yew.ts';
export * as binaryen from './kb/binaryen.ts';

/** `` `text` `` for messages; backticks inside are dropped so the quoting stays balanced. */
export const code = (text: string): string => `\`${text.replace(/`/g, '')}\``;
