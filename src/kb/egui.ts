/**
 * The egui family (facts.md §5): crates released together from emilk/egui with one version, so a
 * different minor of any of them is a different, incompatible copy. egui_plot (its own repository
 * since 0.29) and third-party add-ons have their own version lines and are not listed.
 */
export const FAMILY: ReadonlySet<string> = new Set([
  'ecolor',
  'emath',
  'epaint',
  'epaint_default_fonts',
  'egui',
  'egui_winit',
  'egui_wgpu',
  'egui_glow',
  'egui_extras',
  'eframe',
  'egui_demo_lib',
  'egui_kittest',
  'egui_inspection',
]);

/** Family membership by crate name, `-`/`_` insensitive. */
export const isFamily = (crate: string): boolean => FAMILY.has(crate.replace(/-/g, '_'));
