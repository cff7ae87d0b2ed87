import { defineRule } from '../../src/api.ts';

/** Emitted by the engine while reading the project; see the .md next to this file. */
export default defineRule({
  id: 'core/invalid-yaml',
  summary: 'a GitHub Actions workflow does not parse as YAML',
  defaultSeverity: 'error',
  fix: 'none',
  needs: [],
  engine: true,
  check() {},
});
