import { defineRule } from '../../src/api.ts';

/** Emitted by the engine while reading the project; see the .md next to this file. */
export default defineRule({
  id: 'core/invalid-config',
  summary: 'wasm-doctor.toml is not valid: bad TOML, unknown key, unknown rule or bad severity',
  defaultSeverity: 'error',
  fix: 'none',
  needs: [],
  engine: true,
  check() {},
});
