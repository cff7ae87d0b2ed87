/**
 * wasm-bindgen facts (facts.md §2). The schema table comes from `crates/shared/src/lib.rs` at each
 * release tag: the CLI refuses a module whose schema label differs from its own.
 */

/** [first version, last version, schema label], for 0.2.80 … 0.2.127. */
const SCHEMA_RANGES: readonly (readonly [number, number, string])[] = [
  [80, 81, '0.2.74'],
  [82, 82, '0.2.82'],
  [83, 83, '0.2.83'],
  [84, 84, '0.2.84'],
  [85, 86, '0.2.85'],
  [87, 87, '0.2.87'],
  [88, 91, '0.2.88'],
  [92, 92, '0.2.92'],
  [93, 93, '0.2.93'],
  [94, 94, '0.2.94'],
  [95, 95, '0.2.95'],
  [96, 98, '0.2.96'],
  [99, 99, '0.2.98'],
  [100, 100, '0.2.100'],
  [101, 101, '0.2.101'],
  [102, 104, '0.2.102'],
  [105, 105, '0.2.105'],
  [106, 106, '0.2.106'],
  [107, 113, '0.2.107'],
  [114, 114, '0.2.114'],
  [115, 117, '0.2.115'],
  [118, 118, '0.2.118'],
  [119, 120, '0.2.119'],
  [121, 121, '0.2.121'],
  [122, 127, '0.2.122'],
];

/** The newest release the table knows. */
export const NEWEST_KNOWN_BINDGEN = 127;

/** `0.2.N` → N, or undefined for any other shape (pre-releases and git hashes are ignored). */
export function bindgenPatch(version: string): number | undefined {
  const m = /^0\.2\.(\d+)(?:[-+ ].*)?$/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * The schema label of a wasm-bindgen release, or undefined when the table does not know it
 * (before 0.2.80, after the newest known release, or not a 0.2.x version).
 */
export function schemaOf(version: string): string | undefined {
  const n = bindgenPatch(version);
  if (n === undefined) return undefined;
  return SCHEMA_RANGES.find(([lo, hi]) => n >= lo && n <= hi)?.[2];
}

export type SchemaVerdict = 'same-version' | 'same-schema' | 'different-schema' | 'unknown';

/** How a CLI version and a crate version relate. Unknown when either is outside the table. */
export function compareBindgen(cli: string, crate: string): SchemaVerdict {
  const a = bindgenPatch(cli);
  const b = bindgenPatch(crate);
  if (a !== undefined && a === b) return 'same-version';
  const sa = schemaOf(cli);
  const sb = schemaOf(crate);
  if (!sa || !sb) return 'unknown';
  return sa === sb ? 'same-schema' : 'different-schema';
}

/** Sibling crates released in lock-step with wasm-bindgen 0.2.N (facts.md §2.3, verified 0.2.82 … 0.2.127). */
export const FAMILY: readonly { readonly name: string; readonly minor: string; readonly offset: number }[] = [
  { name: 'js-sys', minor: '0.3', offset: -23 },
  { name: 'web-sys', minor: '0.3', offset: -23 },
  { name: 'wasm-bindgen-futures', minor: '0.4', offset: -50 },
  { name: 'wasm-bindgen-test', minor: '0.3', offset: -50 },
];
export const FAMILY_FIRST_VERIFIED = 82;
/** From 0.2.96 the siblings depend on wasm-bindgen with an exact `=` requirement. */
export const EXACT_PINS_SINCE = 96;

/** Releases that were yanked from crates.io. */
export const YANKED = new Set(['0.2.88', '0.2.94']);

/** The sibling release that goes with wasm-bindgen `0.2.N` (`0.3.(N-23)` …), or undefined outside the verified range. */
export function siblingFor(crate: string, bindgenVersion: string): string | undefined {
  const n = bindgenPatch(bindgenVersion);
  const sibling = FAMILY.find((f) => f.name === crate);
  if (n === undefined || !sibling || n < FAMILY_FIRST_VERIFIED || n > NEWEST_KNOWN_BINDGEN) return undefined;
  return `${sibling.minor}.${n + sibling.offset}`;
}

/**
 * The legacy `extern "C"` ABI (facts.md §3.2): releases before 0.2.88 rely on it, which Rust 1.86
 * made a hard error on wasm32-unknown-unknown. 0.2.88 is yanked, so 0.2.89 is the one to name.
 */
export const C_ABI = { fixedIn: 88, recommend: '0.2.89', errorSinceRust: 86 } as const;

/**
 * Static constructors (facts.md §3.3): from Rust 1.85 exports call `__wasm_call_ctors`, and the
 * interpreter of wasm-bindgen ≤0.2.100 panics on it; fixed in 0.2.101. Only constructor crates
 * that put their constructors in `.init_array` on wasm32-unknown-unknown trigger it:
 * inventory from 0.3.17 (dtolnay/inventory 9db0023, "Use .init_array on all WASM targets") and
 * ctor from 0.4.2 (mmastrac/rust-ctor #337 "Support wasm without wasm_bindgen"; 0.3.0–0.4.1 used
 * `#[wasm_bindgen(start)]`).
 */
export const CTORS = {
  lastBroken: 100,
  fixed: '0.2.101',
  sinceRust: 85,
  crates: [
    { name: 'inventory', from: '0.3.17' },
    { name: 'ctor', from: '0.4.2' },
  ],
} as const;

/**
 * Reference types on Rust 1.82/1.83 (facts.md §3.1): 0.2.102 and 0.2.103 gate their externref
 * intrinsics on `cfg(target_feature = "reference-types")`, which those releases enable but cannot
 * report, so the CLI fails; 0.2.104 detects the Rust version instead (PR #4676).
 */
export const REFERENCE_TYPES: { readonly broken: readonly number[]; readonly rust: readonly number[]; readonly fixed: string } = { broken: [102, 103], rust: [82, 83], fixed: '0.2.104' };
