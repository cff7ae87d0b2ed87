/** Trunk.toml / .trunk.toml → TrunkConfig. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TrunkConfig } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import { asString, get, type TomlTable } from '../syntax/toml/toml.ts';

export const TRUNK_FILES = ['Trunk.toml', '.trunk.toml'] as const;

export function readTrunk(file: SourceFile, dir: string, toml: TomlTable): TrunkConfig {
  const buildTarget = asString(get(toml, 'build', 'target'));
  return {
    targetExists: existsSync(resolve(dir, buildTarget?.value ?? 'index.html')),
    file,
    dir,
    toml,
    trunkVersion: asString(get(toml, 'trunk-version')) ?? asString(get(toml, 'trunk_version')),
    wasmBindgen: asString(get(toml, 'tools', 'wasm_bindgen')),
    wasmOpt: asString(get(toml, 'tools', 'wasm_opt')),
    buildTarget,
  };
}
