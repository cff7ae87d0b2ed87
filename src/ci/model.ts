/** What the CI, Docker, Make and script readers find: tool pins and target uses, each with its place. */
import type { Located, Span } from '../syntax/span.ts';
import type { SourceFile } from '../syntax/source.ts';

/** Where a CI/build command was read from. */
export type CiSource = 'workflow' | 'dockerfile' | 'makefile' | 'justfile' | 'cargo-make' | 'script' | 'package-json' | 'tool-versions' | 'mise' | 'nix';

/** Tools wasm-doctor recognises when a command or an action installs them (`rust` is a toolchain). */
export type CiTool = 'wasm-bindgen' | 'trunk' | 'wasm-pack' | 'cargo-leptos' | 'dioxus-cli' | 'wasm-opt' | 'rust';

/** The job, stage or recipe a command belongs to. */
export interface CiContext {
  readonly source: CiSource;
  readonly file: SourceFile;
  /** workflow job id, Dockerfile stage, make target, just recipe, npm script or cargo-make task */
  readonly job?: string;
  /** toolchains the job or stage installs (`dtolnay/rust-toolchain@stable`, `FROM rust:1.85`, `rustup default 1.80`) */
  readonly toolchains: readonly Located<string>[];
  /**
   * The text whose settings (`env:`, `export`, `ENV`) reach the commands: a workflow job and the
   * workflow's top-level `env`. Absent: the whole file.
   */
  readonly scope?: readonly Span[];
}

/** Where a command runs; used to tell which workspace it is about. */
export interface CiPlace {
  /** absolute directory the command runs in */
  readonly dir: string;
  /** set by the command itself (`working-directory`, `cd dir &&`, `--manifest-path`, a Dockerfile's own directory) */
  readonly dirExplicit: boolean;
  readonly context: CiContext;
}

/**
 * A tool installed by CI, a Dockerfile, a Makefile, a script or a version manager.
 * `exact`: `version` is one release; `range`: a requirement such as `^0.2` or `0.2`;
 * `latest`: no version (the newest release); `unknown`: from an expression or a git/path build.
 */
export interface ToolPin extends CiPlace {
  readonly tool: CiTool;
  readonly pin: 'exact' | 'range' | 'latest' | 'unknown';
  /** the version literal (without `=`/`v`), for `exact` and `range` */
  readonly version?: Located<string>;
  /** how it is installed: `cargo install`, `cargo binstall`, `jetli/wasm-bindgen-action`, `FROM rust`, ... */
  readonly via: string;
  /** `cargo install --locked`: the dependencies of the crate's packaged Cargo.lock are used */
  readonly locked?: boolean;
  /** false when the version literal cannot be replaced alone (a Nix attribute name, a version tied to a hash) */
  readonly fixable?: false;
  /** the whole install command, or the step/instruction */
  readonly span: Span;
  /** the crate or tool name as written (`wasm-bindgen-cli` in the command, an item of a tool list) */
  readonly name?: Span;
  /**
   * Where a version can be added to a `latest` pin written as a literal: right after the crate or
   * tool name, as ` --version X` (a single-crate `cargo install`/`binstall`) or as `@X`.
   */
  readonly versionInsert?: { readonly at: number; readonly style: 'flag' | 'at' };
}

export type TargetUseKind = 'rustup-target-add' | 'target-flag' | 'action-input' | 'output-path' | 'toolchain-target' | 'nix-toolchain-target';

/** A compilation target named by a command, an action input or an output path `target/<triple>/`. */
export interface TargetUse extends CiPlace {
  readonly target: string;
  /** the target name itself; a matrix value's literal when the command uses `${{ matrix.x }}` */
  readonly span: Span;
  readonly kind: TargetUseKind;
  /** `cargo +toolchain` on that command */
  readonly toolchain?: Located<string>;
}

/** Everything read from CI workflows, Dockerfiles, Makefiles, justfiles, scripts and version-manager files. */
export interface CiConfig {
  readonly pins: readonly ToolPin[];
  readonly targets: readonly TargetUse[];
}
