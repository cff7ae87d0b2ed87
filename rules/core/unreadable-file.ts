import { defineRule } from '../../src/api.ts';

/** Emitted by the engine while reading the project; see the .md next to this file. */
export default defineRule({
  id: 'core/unreadable-file',
  summary: 'a project file cannot be read: missing link target, directory, binary, not UTF-8, or no permission',
  defaultSeverity: 'error',
  fix: 'none',
  needs: [],
  engine: true,
  check() {},
});
