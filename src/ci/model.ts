/** What the CI, Docker, Make and script readers find: tool pins and target uses, each with its place. */
import type { Located, Span } from '../syntax/span.ts';
import type { SourceFile } from '../syntax/source.ts';

/** Where a CI/build command was read from. */
export type CiSource = 'workflow' | 'dockerfile' | 'makefile' | 'justfile' | 'cargo-make' | 'script' | 'package-json' | 'tool-versions' | 'mise' | 'nix';

/** Tools wasm-doctor recognises when a command or an action installs them (`rust` is a toolchain). */
export type CiTool = 'wasm-bindgen' | 'trunk' | 'wasm-pack' | 'cargo-leptos' | 'dioxus-cli' | 'wasm-opt' | 'rust';

/** A rustup directory override: `toolchain` for `dir` and the directories below it. */
export interface DirOverride {
  readonly toolchain: Located<string>;
  readonly dir: string;
}

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
  /** directory overrides the job sets (`rustup override set`, actions-rs/toolchain `override: true`); they beat a rust-toolchain file */
  readonly overrides?: readonly DirOverride[];
  /** `RUSTUP_TOOLCHAIN` in the job's environment; it beats directory overrides and files */
  readonly rustupToolchain?: Located<string>;
}

/** Where a command runs; used to tell which workspace it is about. */
export interface CiPlace {
  /** absolute directory the command runs in */
  readonly dir: string;
  /** set by the command itself (`working-directory`, `cd dir &&`, `--manifest-path`, a Dockerfile's own directory) */
  readonly dirExplicit: boolean;
  readonly context: CiContext;
  /**
   * `RUSTUP_TOOLCHAIN` set for this command rather than for the whole job: a workflow step's `env:`,
   * a Dockerfile `ENV` earlier in the stage. Same precedence as the job's (`CiContext.rustupToolchain`), and it wins over it.
   */
  readonly rustupToolchain?: Located<string>;
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

/** Commands that compile Rust for a target or package it: `wasm-pack build`, `cargo build --target`, `trunk build`, ... */
export type BuildTool = 'wasm-pack' | 'trunk' | 'cargo' | 'cargo-leptos' | 'cargo-component' | 'napi';

/** A build command in a job, stage or script. */
export interface BuildCommand extends CiPlace {
  readonly tool: BuildTool;
  /** `build`, `test`, `serve`, `rustc` */
  readonly subcommand: string;
  /** the whole command */
  readonly span: Span;
  /** the literal arguments after the subcommand (flags included) */
  readonly args: readonly string[];
  /** the triples it compiles for: `--target` values; `wasm32-unknown-unknown` for wasm-pack and trunk */
  readonly targets: readonly string[];
  /** `cargo +toolchain` on that command */
  readonly toolchain?: Located<string>;
  /** the job's line that runs the recipe or script holding this command (`make web`), when followed from a job */
  readonly calledAt?: Span;
}

/** A job or script that runs another recipe: `make web`, `just build`, `cargo make wasm`, `npm run build`, `./build.sh`. */
export interface ScriptCall extends CiPlace {
  readonly kind: 'make' | 'just' | 'cargo-make' | 'npm' | 'script';
  /** the target, recipe, task or npm script; for `script` the script's absolute path */
  readonly name: string;
  readonly span: Span;
}

/** Everything read from CI workflows, Dockerfiles, Makefiles, justfiles, scripts and version-manager files. */
export interface CiConfig {
  readonly pins: readonly ToolPin[];
  readonly targets: readonly TargetUse[];
  readonly builds: readonly BuildCommand[];
  readonly calls: readonly ScriptCall[];
}
