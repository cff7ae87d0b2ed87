import { defineRule } from '../../src/api.ts';

/** Emitted by the engine while reading the project; see the .md next to this file. */
export default defineRule({
  id: 'core/workspace-member-missing',
  summary: 'a workspace `members` entry names a directory without a Cargo.toml',
  defaultSeverity: 'error',
  fix: 'none',
  needs: [],
  engine: true,
  check() {},
});
