/**
 * Framework crate families: crates whose types cross crate boundaries (an app hands egui's
 * `Context` to eframe, a `JsValue` to js-sys, an `Html` to yew-router). Two semver-incompatible
 * copies of one are two sets of distinct types. Only families facts.md describes are listed;
 * leptos and bevy are left out until it records which of their crates are released together.
 */
import { FAMILY as EGUI } from './egui.ts';

export interface FrameworkFamily {
  readonly name: string;
  /** the crate the others build on and re-export; reported first when it is duplicated */
  readonly root: string;
  /** member crates, `-` written as `_` */
  readonly crates: ReadonlySet<string>;
  readonly source: string;
}

export const FAMILIES: readonly FrameworkFamily[] = [
  { name: 'egui', root: 'egui', crates: EGUI, source: 'facts.md §5 (crates released together from emilk/egui)' },
  { name: 'wasm-bindgen', root: 'wasm-bindgen', crates: new Set(['wasm_bindgen', 'js_sys', 'web_sys']), source: 'facts.md §2.1, §2.3 (released in lock-step)' },
  { name: 'yew', root: 'yew', crates: new Set(['yew', 'yew_router', 'yew_agent']), source: 'facts.md §7 (yew-router and yew-agent pin one yew minor)' },
];

/** Whether a crate belongs to a family, `-`/`_` insensitive. */
export const inFamily = (family: FrameworkFamily, crate: string): boolean => family.crates.has(crate.replace(/-/g, '_'));
