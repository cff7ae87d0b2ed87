/** The typed, span-carrying project model every rule reads (design.md §2.6). */
import type { Located, Span } from '../syntax/span.ts';
import type { SourceFile, SourceMap } from '../syntax/source.ts';
import type { TomlTable } from '../syntax/toml/toml.ts';
import type { CiConfig } from '../ci/model.ts';

export type { CiConfig, CiContext, CiPlace, CiSource, CiTool, TargetUse, TargetUseKind, ToolPin } from '../ci/model.ts';

export type { Located } from '../syntax/span.ts';

export type DepKind = 'normal' | 'dev' | 'build';

export interface Dependency {
  /** the key in the dependency table; differs from `name` when renamed */
  readonly key: string;
  /** the crate's real name (`package = "..."` or the key) */
  readonly name: string;
  readonly kind: DepKind;
  /** `cfg(...)` expression or target triple of a `[target.X.*dependencies]` table */
  readonly target?: string;
  /** version requirement; for `{ workspace = true }` it is the workspace's, with its span in the root manifest */
  readonly req?: Located<string>;
  readonly optional: boolean;
  readonly defaultFeatures: boolean;
  /** features from the member entry and, when inherited, from the workspace entry */
  readonly features: readonly Located<string>[];
  readonly path?: string;
  /** absolute directory of a `path` dependency */
  readonly pathDir?: string;
  readonly git?: string;
  readonly inherited: boolean;
  /** the entry in this manifest (`key = ...`) */
  readonly span: Span;
  readonly keySpan: Span;
  /** the table header this entry sits under, e.g. `[dependencies]` */
  readonly tableSpan?: Span;
}

export interface WorkspaceDecl {
  readonly members: readonly Located<string>[];
  readonly exclude: readonly Located<string>[];
  /** `[workspace.dependencies]`, keyed by the table key */
  readonly dependencies: ReadonlyMap<string, Dependency>;
  readonly rustVersion?: Located<string>;
  readonly span: Span;
}

export interface Manifest {
  readonly file: SourceFile;
  /** absolute directory of the manifest */
  readonly dir: string;
  readonly toml: TomlTable;
  readonly packageName?: Located<string>;
  /** after `rust-version.workspace = true` inheritance */
  readonly rustVersion?: Located<string>;
  readonly crateTypes: readonly Located<string>[];
  readonly libSpan?: Span;
  readonly dependencies: readonly Dependency[];
  /** `[features]`: feature name → its entries (`"dep/feat"`, `"dep:x"`, `"other"`) */
  readonly features: ReadonlyMap<string, readonly Located<string>[]>;
  readonly requiredFeatures: readonly Located<string>[];
  readonly workspace?: WorkspaceDecl;
  /** `[package.metadata.wasm-pack]` exists */
  readonly wasmPackMetadata: boolean;
}

export interface LockedPackage {
  readonly name: string;
  readonly version: Located<string>;
  readonly source?: string;
  /** raw dependency references: `name`, `name version` or `name version (source)` */
  readonly dependencies: readonly string[];
  /** `[[package]]` header to the end of the entry */
  readonly span: Span;
}

export interface Lockfile {
  readonly file: SourceFile;
  /** lockfile format version; 1 when the file has none */
  readonly version: number;
  readonly packages: readonly LockedPackage[];
}

export interface TrunkConfig {
  readonly file: SourceFile;
  readonly dir: string;
  readonly toml: TomlTable;
  readonly trunkVersion?: Located<string>;
  readonly wasmBindgen?: Located<string>;
  readonly wasmOpt?: Located<string>;
  readonly buildTarget?: Located<string>;
  /** the page `[build] target` names (default `index.html`) exists */
  readonly targetExists: boolean;
}

export interface ToolchainFile {
  readonly file: SourceFile;
  readonly dir: string;
  /** `channel` (or the whole legacy one-line file) */
  readonly channel?: Located<string>;
  readonly targets: readonly Located<string>[];
  readonly components: readonly Located<string>[];
}

export interface CargoTargetTable {
  readonly triple: string;
  /** the triple's key in `[target.<triple>]` */
  readonly tripleSpan: Span;
  readonly runner?: Located<string>;
  readonly rustflags: readonly Located<string>[];
}

export interface CargoConfig {
  readonly file: SourceFile;
  /** directory that holds `.cargo/` */
  readonly dir: string;
  readonly buildTargets: readonly Located<string>[];
  readonly buildRustflags: readonly Located<string>[];
  readonly targets: readonly CargoTargetTable[];
  readonly toml: TomlTable;
}

/** A file read as plain text (index.html, package.json). */
export interface TextFile {
  readonly file: SourceFile;
  readonly dir: string;
}

/** One Cargo project: a workspace (or a lone package) with the files that configure its build. */
export interface Workspace {
  readonly dir: string;
  readonly root: Manifest;
  /** every package in the workspace, the root package included */
  readonly members: readonly Manifest[];
  readonly lockfile?: Lockfile;
  readonly trunk: readonly TrunkConfig[];
  /** `.cargo/config(.toml)` files from the workspace root and member directories, nearest first */
  readonly cargoConfigs: readonly CargoConfig[];
  readonly toolchainFile?: ToolchainFile;
  readonly html: readonly TextFile[];
  /** package.json files in the workspace and member directories (scripts that run wasm-pack) */
  readonly packageJsons: readonly TextFile[];
  /** `.rs` files under `src/` of the members whose code some rule reads (yew crates), by member directory; bounded */
  readonly rustSources: ReadonlyMap<string, readonly SourceFile[]>;
}

export interface Project {
  /** absolute directory the report is relative to */
  readonly root: string;
  readonly sources: SourceMap;
  readonly workspaces: readonly Workspace[];
  /** tool pins and target names from the repository's CI and build scripts */
  readonly ci: CiConfig;
}
