/**
 * The user's decisions, from `wasm-doctor.toml` at the report root and from
 * `[workspace.metadata.wasm-doctor]` in the root Cargo.toml (same keys in both):
 *
 *   exclude = ["fixtures/", "examples/old-*"]   # not read at all; relative to the file
 *   [rules]
 *   "wasm-bindgen/cli-version-mismatch" = "warning"
 *   "trunk/*" = "off"
 *
 * Problems become diagnostics (`core/invalid-config`), never exceptions.
 */
import { join } from 'node:path';
import type { Severity, Span } from '../diagnostic/types.ts';
import type { SourceMap } from '../syntax/source.ts';
import type { Located } from '../syntax/span.ts';
import { readText } from '../workspace/read.ts';
import { asArray, asString, asTable, get, parseToml, type TomlTable } from '../syntax/toml/toml.ts';

export type SeveritySetting = Severity | 'off';

export interface RuleSetting {
  readonly pattern: string;
  readonly severity: SeveritySetting;
  readonly span: Span;
}

/** A `-A/-W/-D` flag: applied after the config, the last matching flag wins (as rustc's lint flags). */
export interface RuleOverride {
  readonly pattern: string;
  readonly severity: SeveritySetting;
}

export interface ConfigProblem {
  readonly span: Span;
  readonly message: string;
}

export interface Config {
  readonly settings: readonly RuleSetting[];
  readonly problems: readonly ConfigProblem[];
  /** globs relative to the report root: projects and files below them are not read */
  readonly exclude: readonly Located<string>[];
}

export const CONFIG_FILE = 'wasm-doctor.toml';
const METADATA = ['workspace', 'metadata', 'wasm-doctor'] as const;
const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'off']);

export async function loadConfig(root: string, sources: SourceMap): Promise<Config> {
  const [own, metadata] = await Promise.all([loadConfigFile(root, sources), loadCargoMetadata(root, sources)]);
  return { settings: [...metadata.settings, ...own.settings], problems: [...metadata.problems, ...own.problems], exclude: [...metadata.exclude, ...own.exclude] };
}

const EMPTY: Config = { settings: [], problems: [], exclude: [] };

async function loadConfigFile(root: string, sources: SourceMap): Promise<Config> {
  const abs = join(root, CONFIG_FILE);
  const read = await readText(abs);
  if (!read.ok) {
    if (read.missing) return EMPTY;
    const file = sources.add(CONFIG_FILE, abs, '');
    return { ...EMPTY, problems: [{ span: { file: file.id, start: 0, end: 0 }, message: `\`${CONFIG_FILE}\` ${read.message}` }] };
  }
  const file = sources.add(CONFIG_FILE, abs, read.text);
  const parsed = parseToml(file);
  if (!parsed.ok) {
    return { ...EMPTY, problems: [{ span: { file: file.id, start: parsed.error.offset, end: parsed.error.offset }, message: `\`${CONFIG_FILE}\` is not valid TOML: ${parsed.error.message}` }] };
  }
  return readConfigTable(parsed.root, `\`${CONFIG_FILE}\``);
}

/** `[workspace.metadata.wasm-doctor]` of the root Cargo.toml; a manifest that does not parse is the loader's to report. */
async function loadCargoMetadata(root: string, sources: SourceMap): Promise<Config> {
  const abs = join(root, 'Cargo.toml');
  const read = await readText(abs);
  if (!read.ok || !read.text.includes('wasm-doctor')) return EMPTY;
  const parsed = parseToml(sources.add('Cargo.toml', abs, read.text));
  const table = parsed.ok ? asTable(get(parsed.root, ...METADATA)) : undefined;
  return table ? readConfigTable(table, '`[workspace.metadata.wasm-doctor]`') : EMPTY;
}

function readConfigTable(table: TomlTable, where: string): Config {
  const settings: RuleSetting[] = [];
  const problems: ConfigProblem[] = [];
  const exclude: Located<string>[] = [];
  for (const [key, e] of table.entries) {
    if (key !== 'rules' && key !== 'exclude') problems.push({ span: e.keySpan, message: `unknown key \`${key}\` in ${where}` });
  }
  const excludeNode = get(table, 'exclude');
  if (excludeNode) {
    const items = asArray(excludeNode)?.items ?? [];
    if (!asArray(excludeNode) || items.some((i) => !asString(i))) problems.push({ span: excludeNode.span, message: `\`exclude\` in ${where} must be an array of path globs (strings)` });
    for (const item of items) {
      const s = asString(item);
      if (s) exclude.push(s);
    }
  }
  for (const [pattern, e] of asTable(get(table, 'rules'))?.entries ?? []) {
    const value = asString(e.node);
    if (!value || !SEVERITIES.has(value.value)) {
      problems.push({ span: e.node.span, message: `severity for \`${pattern}\` must be one of \`error\`, \`warning\`, \`info\`, \`off\`` });
      continue;
    }
    settings.push({ pattern, severity: value.value as SeveritySetting, span: e.keySpan });
  }
  return { settings, problems, exclude };
}

/** Does a rule pattern (an id, `namespace/*` or `*`) name the rule? */
export function ruleMatches(pattern: string, ruleId: string): boolean {
  return pattern === ruleId || pattern === '*' || (pattern.endsWith('/*') && ruleId.startsWith(pattern.slice(0, -1)));
}

/**
 * The setting for a rule: in the config an exact id beats a namespace glob (`trunk/*`) and later
 * entries win among equals; then the command line's overrides, the last matching one winning.
 */
export function settingFor(config: Config, ruleId: string, overrides: readonly RuleOverride[] = []): SeveritySetting | undefined {
  let glob: SeveritySetting | undefined;
  let exact: SeveritySetting | undefined;
  for (const s of config.settings) {
    if (s.pattern === ruleId) exact = s.severity;
    else if (ruleMatches(s.pattern, ruleId)) glob = s.severity;
  }
  return overrides.findLast((o) => ruleMatches(o.pattern, ruleId))?.severity ?? exact ?? glob;
}
