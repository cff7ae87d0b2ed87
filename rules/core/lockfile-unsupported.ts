import { defineRule } from '../../src/api.ts';

/** Emitted by the engine while reading the project; see the .md next to this file. */
export default defineRule({
  id: 'core/lockfile-unsupported',
  summary: 'Cargo.lock has a format version wasm-doctor does not know',
  defaultSeverity: 'warning',
  fix: 'none',
  needs: [],
  engine: true,
  check() {},
});
