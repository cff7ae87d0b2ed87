/** Command-line values yargs cannot check for us: every bad one is a usage error naming its flag. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { RuleOverride, SeveritySetting } from '../config/load.ts';
import { allRules } from '../engine/registry.ts';
import { UsageError } from '../errors.ts';

/** A whole number of at least `min`, as typed after `flag`. */
export function wholeNumber(flag: string, value: unknown, min: number): number {
  const text = String(value ?? '');
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`\`${flag}\` expects a whole number${min > 0 ? ` of at least ${min}` : ''}, got \`${text}\``);
  return Number(text);
}

const LEVELS: Readonly<Record<string, SeveritySetting>> = { A: 'off', allow: 'off', W: 'warning', warn: 'warning', D: 'error', deny: 'error' };

/** `-Dwasi/*` as rustc takes it is `-D wasi/*`; yargs would read it as a group of one-letter flags. */
export function splitLintFlags(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.flatMap((a, i) => {
    const m = (end < 0 || i < end) && /^-([AWD])(.+)$/.exec(a);
    return m ? [`-${m[1]}`, m[2] as string] : [a];
  });
}

/**
 * `-A/-W/-D <rule-or-glob>` (and `--allow/--warn/--deny`) in the order typed: as with rustc's lint
 * flags the last one naming a rule wins, so the argv (after splitLintFlags) is read rather than
 * yargs' per-flag arrays.
 */
export function ruleOverrides(argv: readonly string[]): RuleOverride[] {
  const out: RuleOverride[] = [];
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const m = /^(?:-([AWD])|--(allow|warn|deny)(?:=(.*))?)$/.exec(argv[i] ?? '');
    if (!m) continue;
    const flag = (m[1] ?? m[2]) as string;
    const pattern = m[3] || argv[++i];
    if (!pattern) throw new UsageError(`\`${m[1] ? `-${flag}` : `--${flag}`}\` needs a rule id or namespace glob, e.g. \`-A wasi/*\``);
    if (!knownPattern(pattern)) throw new UsageError(`unknown rule \`${pattern}\` after \`${m[1] ? `-${flag}` : `--${flag}`}\` (see \`wasm-doctor --list-rules\`)`);
    out.push({ pattern, severity: LEVELS[flag] as SeveritySetting });
  }
  return out;
}

function knownPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  const ns = pattern.endsWith('/*') ? pattern.slice(0, -2) : undefined;
  return allRules().some((r) => r.id === pattern || (ns !== undefined && r.id.startsWith(`${ns}/`)));
}

/** `--manifest-path` names a Cargo.toml, as cargo takes it; the directory it is in is checked. */
export function manifestDir(path: string): string {
  if (basename(path) !== 'Cargo.toml') throw new UsageError(`\`--manifest-path\` expects a path to a \`Cargo.toml\`, got \`${path}\``);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`\`--manifest-path\`: \`${path}\` does not exist`);
  return dirname(resolve(path));
}

/** `-o FILE` into a directory that does not exist fails before the check runs, not after. */
export function outputFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (path === '') throw new UsageError('`--output-file` needs a file name');
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`\`--output-file\`: directory \`${dirname(path)}\` does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`\`--output-file\`: \`${path}\` is a directory`);
  return path;
}
