import { defineRule } from '../../src/api.ts';

/** Emitted by the engine while reading the project; see the .md next to this file. */
export default defineRule({
  id: 'core/rule-crashed',
  summary: 'a wasm-doctor rule failed with an internal error',
  defaultSeverity: 'error',
  fix: 'none',
  needs: [],
  engine: true,
  check() {},
});
