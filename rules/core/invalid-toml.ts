import { defineRule } from '../../src/api.ts';

/** Emitted by the engine while reading the project; see the .md next to this file. */
export default defineRule({
  id: 'core/invalid-toml',
  summary: 'a TOML file (Cargo.toml, Cargo.lock, Trunk.toml, Cargo config, rust-toolchain.toml) does not parse',
  defaultSeverity: 'error',
  fix: 'none',
  needs: [],
  engine: true,
  check() {},
});
