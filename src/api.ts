/**
 * The rule SDK: the only module rules/ may import from (design.md §2.2). Rules state intent with
 * these helpers; parsers, semver and the knowledge base stay behind this line.
 */
export type { Finding, Fix, Label, Severity, Span, TextEdit } from './diagnostic/types.ts';
export { primary, secondary, replace, insertAt, editFix, commandFix, shellJoin } from './diagnostic/build.ts';
export { defineRule, type Rule, type RuleMeta, type Need } from './rule.ts';
export type { ProbeResult, ToolSet, VersionedResult } from './probe/types.ts';
export { hasVersion } from './probe/types.ts';
export type { Dependency, Located, LockedPackage, Lockfile, Manifest, Project, Workspace, TargetUse, ToolPin } from './workspace/model.ts';
export type { Toml11Use } from './syntax/toml/toml.ts';
export { builderBindgens, ciJobLabel, ciPins, ciTargetUses, ciToolchain, describeCiPin, flagOutsideCargo, withUncovered, type BuilderBindgen } from './analysis/ci-queries.ts';
export { activeToolchain, activeTrunkConfigs, configCfgs, dependencyEntry, rootCargoConfig, dependenciesOn, lockedPackages, normalizeCrate, targetMentions, trunkConfigFor, type RustcCfg } from './analysis/workspace-queries.ts';
export { buildEnvironments, envBuilds, envPins, envToolchain, selfContained, trunkReleaseLinks, type BuildEnvironment, type EnvBuild } from './analysis/environments.ts';
export { wasmBuilds, trunkRustLinks, type TrunkRustLink, type WasmBuild } from './analysis/builds.ts';
export { buildFeaturesOf, compiledCrates, describeBuild, describeTable, featureSources, type CompiledCrate, type FeatureSource } from './analysis/workspace-crates.ts';
export { targetKeyApplies } from './analysis/cfg.ts';
export { hasBinary, rustCodeMatch } from './analysis/rust-code.ts';
export { wasmPackWasmOpt } from './analysis/wasm-pack.ts';
export { featuresOf, resolverOf } from './analysis/features.ts';
export { resolveRef, memberEntry, packageKey, reach, lockedDependency, type LockPath, type LockReach } from './analysis/lockgraph.ts';
export { buildCompiles, lockedInBuild, pathsFromMembers, describePath } from './analysis/locked-crates.ts';
export { msrvViolations, requiredMsrvViolations, type MsrvViolation } from './analysis/msrv.ts';
export { plainPageBuilds } from './analysis/pages.ts';
export { cargoReqAdmits, compatKey, compareVersions, exactPin, parseVersion, reqCompatKey, reqLowerBound, tryParseCargoReq } from './semver/cargo-req.ts';
export { addKey, addToTable, appendTable, insertItem, literalOf, removeItems, setValue, tomlString } from './syntax/toml/edit.ts';
export { asArray, asTable, get as tomlGet } from './syntax/toml/toml.ts';
export * as bindgen from './kb/wasm-bindgen.ts';
export * as builders from './kb/builders.ts';
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
