/** `.cargo/config.toml` / `.cargo/config` → CargoConfig. */
import type { CargoConfig, CargoTargetTable, Located } from './model.ts';
import type { ReadToml } from './read.ts';
import { asString, asTable, get, stringItems, type TomlNode } from '../syntax/toml/toml.ts';

/** Cargo reads both names; when both exist it uses the one without extension. */
export const CARGO_CONFIG_FILES = ['.cargo/config', '.cargo/config.toml'] as const;

/** A value that Cargo accepts either as one string or as a list of strings. */
function stringOrList(node: TomlNode | undefined): Located<string>[] {
  const one = asString(node);
  return one ? [one] : stringItems(node);
}

export function readCargoConfig({ file, toml, toml11 }: ReadToml, dir: string): CargoConfig {
  const targets: CargoTargetTable[] = [];
  for (const [triple, e] of asTable(get(toml, 'target'))?.entries ?? []) {
    const t = asTable(e.node);
    if (!t) continue;
    targets.push({ triple, tripleSpan: e.keySpan, runner: stringOrList(get(t, 'runner'))[0], rustflags: stringOrList(get(t, 'rustflags')) });
  }
  return {
    file,
    dir,
    buildTargets: stringOrList(get(toml, 'build', 'target')),
    buildRustflags: stringOrList(get(toml, 'build', 'rustflags')),
    targets,
    toml,
    toml11,
  };
}
