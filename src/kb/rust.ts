/**
 * Rust release facts (facts.md §1, §3). Stable releases follow a strict six-week cadence, so the
 * version of a dated nightly or beta is computed from the release calendar rather than listed.
 */

/** 1.78.0 was released on 2024-05-02; every minor since has followed 42 days after the previous. */
const ANCHOR_MINOR = 78;
const ANCHOR_DAY = Date.UTC(2024, 4, 2) / 86_400_000;
const CADENCE_DAYS = 42;

/** The newest stable minor released on or before a `YYYY-MM-DD` date. */
export function stableMinorOn(date: string): number {
  const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  return ANCHOR_MINOR + Math.floor((day - ANCHOR_DAY) / CADENCE_DAYS);
}

export type ToolchainPin =
  /** `stable`, `beta`, `nightly`, or nothing pinned: the version moves */
  | { readonly kind: 'floating'; readonly channel: 'stable' | 'beta' | 'nightly' | 'none' }
  /** a numbered release, or a dated nightly/beta whose version follows from its date */
  | { readonly kind: 'versioned'; readonly minor: number; readonly channel: 'stable' | 'beta' | 'nightly'; readonly label: string }
  | { readonly kind: 'unknown'; readonly label: string };

const HOST_SUFFIX = /-(?:x86_64|aarch64|i686|arm|armv7|riscv64gc|powerpc64le|s390x|loongarch64)-[\w-]+$/;

/** Reads a rustup toolchain name: `1.85`, `1.85.0`, `stable`, `nightly-2025-01-01`, `1.85.0-x86_64-unknown-linux-gnu`. */
export function parseToolchainName(name: string): ToolchainPin {
  const label = name.trim();
  const bare = label.replace(HOST_SUFFIX, '');
  const num = /^1\.(\d+)(?:\.\d+)?(?:-(beta|nightly)(?:\.\d+)?)?$/.exec(bare);
  if (num) return { kind: 'versioned', minor: Number(num[1]), channel: (num[2] as 'beta' | 'nightly' | undefined) ?? 'stable', label };
  const dated = /^(stable|beta|nightly)-(\d{4}-\d{2}-\d{2})$/.exec(bare);
  if (dated) {
    const channel = dated[1] as 'stable' | 'beta' | 'nightly';
    const offset = channel === 'nightly' ? 2 : channel === 'beta' ? 1 : 0;
    return { kind: 'versioned', minor: stableMinorOn(dated[2] as string) + offset, channel, label };
  }
  if (bare === 'stable' || bare === 'beta' || bare === 'nightly') return { kind: 'floating', channel: bare };
  return { kind: 'unknown', label };
}

/** A rustc version such as `1.85.0` or `1.86.0-nightly` as a pin. */
export function pinFromRustcVersion(version: string): ToolchainPin {
  return parseToolchainName(version.replace(/-nightly.*$/, '-nightly').replace(/-beta.*$/, '-beta'));
}

/**
 * The newest stable release the knowledge base knows: egui 0.36 requires Rust 1.95 (facts.md §5,
 * emilk/egui@0.36.0:Cargo.toml `rust-version`). A floating channel is judged as this release.
 */
export const NEWEST_STABLE_MINOR = 95;

/** Is the toolchain at least 1.`minor`? Floating channels count as new; unknown names as unknown. */
export function atLeast(pin: ToolchainPin, minor: number): boolean | undefined {
  if (pin.kind === 'floating') return true;
  if (pin.kind === 'unknown') return undefined;
  return pin.minor >= minor;
}

export const describePin = (pin: ToolchainPin): string =>
  pin.kind === 'floating' ? (pin.channel === 'none' ? 'no pinned toolchain (the current stable is used)' : `the floating \`${pin.channel}\` channel`) : pin.kind === 'versioned' ? `Rust 1.${pin.minor} (\`${pin.label}\`)` : `toolchain \`${pin.label}\``;

/** WASI target history (facts.md §1). */
export const WASIP1_SINCE = 78;
export const WASI_WARN_SINCE = 78;
export const WASI_REMOVED_IN = 84;
export const WASIP2_TIER2_SINCE = 82;
export const RENAMED_TARGETS: ReadonlyMap<string, string> = new Map([
  ['wasm32-wasi', 'wasm32-wasip1'],
  ['wasm32-wasi-preview1-threads', 'wasm32-wasip1-threads'],
]);

/** Tier 3 wasm targets: rustup has no std to install for them (facts.md §1). */
const TIER3_TARGETS: ReadonlySet<string> = new Set(['wasm32-wasip3']);

/**
 * Whether `rustup target add` can install a wasm target for this toolchain (facts.md §1): the WASI
 * targets arrived in 1.78 (`wasm32-wasip2` as tier 2 in 1.82) and the old names left in 1.84.
 * Floating channels count as new; unknown toolchain names give undefined.
 */
export function rustupShips(pin: ToolchainPin, target: string): boolean | undefined {
  if (TIER3_TARGETS.has(target)) return false;
  if (RENAMED_TARGETS.has(target)) {
    const removed = atLeast(pin, WASI_REMOVED_IN);
    return removed === undefined ? undefined : !removed;
  }
  const since = target === 'wasm32-wasip2' ? WASIP2_TIER2_SINCE : target.startsWith('wasm32-wasip1') ? WASIP1_SINCE : undefined;
  return since === undefined ? true : atLeast(pin, since);
}

/**
 * Cargo parses TOML 1.1 in manifests and configuration files from 1.94 (Cargo Book changelog,
 * "Cargo 1.94 (2026-03-05)" → "Added", rust-lang/cargo:doc/book/src/CHANGELOG.md@af373f7;
 * rust-lang/cargo#16415, merged as b6306caea; `rust-1.93.0` locks toml_parser 1.0.4, `rust-1.94.0`
 * toml_parser 1.0.6+spec-1.1.0).
 */
export const TOML_11_SINCE = 94;

/** From 1.90 Cargo parses with toml_parser 1.0 (rust-lang/cargo:Cargo.lock@rust-1.90.0); before, with toml_edit 0.22. */
const TOML_PARSER_SINCE = 90;

/**
 * What Cargo 1.90–1.93 prints for each TOML 1.1 construct
 * (toml-rs/toml:crates/toml_parser/src/parser/document.rs@toml_parser-v1.0.4).
 */
const TOML_11_ERRORS: Readonly<Record<string, string>> = {
  'inline-table-newline': 'newlines are unsupported in inline tables, expected nothing',
  'inline-table-comment': 'comments are unsupported in inline tables',
  'inline-table-trailing-comma': 'trailing commas are not supported in inline tables, expected nothing',
  'escape-e': 'missing escaped value, expected `b`, `f`, `n`, `r`, `\\`, `"`, `u`, `U`',
  'escape-x': 'missing escaped value, expected `b`, `f`, `n`, `r`, `\\`, `"`, `u`, `U`',
  'time-without-seconds': 'invalid time, expected `:` (MM:SS)',
};

/** The error Cargo 1.`minor` prints for a TOML 1.1 construct, when known (1.90–1.93). */
export const toml11Error = (construct: string, minor: number): string | undefined =>
  minor >= TOML_PARSER_SINCE && minor < TOML_11_SINCE ? TOML_11_ERRORS[construct] : undefined;
