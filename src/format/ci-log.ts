/**
 * Output for a GitHub Actions log that no quoted project text can turn into a workflow command.
 * The runner treats a line as a command when, after leading whitespace, it starts with `::`, and
 * it finds the legacy form `##[cmd]` anywhere in a line (integrations.md §1.3). The text and JSON
 * reports quote Cargo.toml lines, workflow lines, package names and paths verbatim, so on Actions
 * (`GITHUB_ACTIONS=true`) their output is passed through here: a zero-width joiner, invisible in
 * the log, separates the two colons at a line start and the `#` of `##[`. JSON gets `\u005b` for
 * that `[` instead, which decodes to the same document. `--format github` escapes each piece
 * itself (github.ts) and is not passed through here.
 */
import { defuseLegacy } from './github.ts';

/** `::` after leading whitespace; .NET's TrimStart also skips U+0085 and U+180E. */
const LINE_START_COMMAND = /^([\s\u0085\u180e]*):(?=:)/gm;

/** Text in which no line is a workflow command. */
export const defuseCommands = (text: string): string => defuseLegacy(text).replace(LINE_START_COMMAND, '$1:\u200d');

/** A JSON document in which no line is a workflow command; `JSON.parse` gives the same value. */
export const defuseCommandsJson = (json: string): string => json.replace(/##\[/g, '##\\u005b');

/** What to pass stdout and stderr through for a format: identity unless on a GitHub Actions runner. */
export function shieldCommands(format: 'text' | 'json' | 'sarif' | 'github', env: NodeJS.ProcessEnv): (text: string) => string {
  if (env['GITHUB_ACTIONS'] !== 'true' || format === 'github') return (text) => text;
  return format === 'text' ? defuseCommands : defuseCommandsJson;
}
