/**
 * `wasm-doctor.toml` at the report root: per-rule severities by id or namespace glob.
 *
 *   [rules]
 *   "wasm-bindgen/cli-version-mismatch" = "warning"
 *   "trunk/*" = "off"
 *
 * Problems become diagnostics (`core/invalid-config`), never exceptions.
 */
import { join } from 'node:path';
import type { Severity, Span } from '../diagnostic/types.ts';
import type { SourceMap } from '../syntax/source.ts';
import { readText } from '../workspace/read.ts';
import { asString, asTable, get, parseToml } from '../syntax/toml/toml.ts';

export type SeveritySetting = Severity | 'off';

export interface RuleSetting {
  readonly pattern: string;
  readonly severity: SeveritySetting;
  readonly span: Span;
}

export interface ConfigProblem {
  readonly span: Span;
  readonly message: string;
}

export interface Config {
  readonly settings: readonly RuleSetting[];
  readonly problems: readonly ConfigProblem[];
}

export const CONFIG_FILE = 'wasm-doctor.toml';
const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'off']);

export async function loadConfig(root: string, sources: SourceMap): Promise<Config> {
  const abs = join(root, CONFIG_FILE);
  const read = await readText(abs);
  if (!read.ok) {
    if (read.missing) return { settings: [], problems: [] };
    const file = sources.add(CONFIG_FILE, abs, '');
    return { settings: [], problems: [{ span: { file: file.id, start: 0, end: 0 }, message: `\`${CONFIG_FILE}\` ${read.message}` }] };
  }
  const file = sources.add(CONFIG_FILE, abs, read.text);
  const parsed = parseToml(file);
  if (!parsed.ok) {
    return { settings: [], problems: [{ span: { file: file.id, start: parsed.error.offset, end: parsed.error.offset }, message: `\`${CONFIG_FILE}\` is not valid TOML: ${parsed.error.message}` }] };
  }
  const settings: RuleSetting[] = [];
  const problems: ConfigProblem[] = [];
  for (const [key, e] of parsed.root.entries) {
    if (key !== 'rules') problems.push({ span: e.keySpan, message: `unknown key \`${key}\` in \`${CONFIG_FILE}\`` });
  }
  for (const [pattern, e] of asTable(get(parsed.root, 'rules'))?.entries ?? []) {
    const value = asString(e.node);
    if (!value || !SEVERITIES.has(value.value)) {
      problems.push({ span: e.node.span, message: `severity for \`${pattern}\` must be one of \`error\`, \`warning\`, \`info\`, \`off\`` });
      continue;
    }
    settings.push({ pattern, severity: value.value as SeveritySetting, span: e.keySpan });
  }
  return { settings, problems };
}

/** The setting for a rule: an exact id beats a namespace glob (`trunk/*`); later entries win among equals. */
export function settingFor(config: Config, ruleId: string): SeveritySetting | undefined {
  let glob: SeveritySetting | undefined;
  let exact: SeveritySetting | undefined;
  for (const s of config.settings) {
    if (s.pattern === ruleId) exact = s.severity;
    else if (s.pattern === '*' || (s.pattern.endsWith('/*') && ruleId.startsWith(s.pattern.slice(0, -1)))) glob = s.severity;
  }
  return exact ?? glob;
}
