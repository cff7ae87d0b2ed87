/**
 * The GitHub Action entry (action.yml: `runs.using: node24`, `main: dist/action.js`, the committed
 * bundle, integrations.md §2.4): inputs from `INPUT_*`, annotations on stdout, the job summary,
 * optional SARIF, step outputs, and an exit code that follows `fail-on` (2 on a usage or internal
 * failure whatever `fail-on` says). `args` goes through the CLI's own option parser, so the
 * Action accepts exactly the `check` options.
 */
import { appendFileSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOptionsFrom } from './cli.ts';
import { check, exitCode } from './commands/check.ts';
import { loadRuleDocs, ruleCatalog } from './commands/docs.ts';
import { defuseCommands } from './format/ci-log.ts';
import { commandLine, formatJobSummary } from './format/github.ts';
import { formatSarif } from './format/sarif.ts';

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionInputs {
  readonly path: string;
  /** extra `check` arguments, split like a shell would (quotes, no expansion) */
  readonly args: readonly string[];
  readonly failOn: FailOn;
  readonly probe: boolean;
  readonly sarifFile?: string;
  readonly summary: boolean;
}

class InputError extends Error {
  override readonly name = 'InputError';
}

/** `getBooleanInput` of @actions/core: the YAML 1.2 core-schema spellings only. */
function booleanInput(name: string, raw: string): boolean {
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(`input \`${name}\` must be true or false, got \`${raw}\``);
}

/** Words of a shell-like argument string: blanks separate, '…' and "…" quote, `\` escapes; nothing is expanded. */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i] as string;
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word ??= '';
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\' && i + 1 < text.length) word += text[++i] as string;
      else word += c;
    }
  }
  if (quote) throw new InputError(`input \`args\` has an unclosed ${quote}`);
  if (word !== undefined) words.push(word);
  return words;
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  // The runner passes `with:` values as INPUT_<NAME>, upper-cased, hyphens kept (integrations.md §2.1).
  const input = (name: string): string => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  const failOn = input('fail-on') || 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new InputError(`input \`fail-on\` must be one of ${FAIL_ON.join(', ')}, got \`${failOn}\``);
  return {
    path: input('path') || '.',
    args: splitArgs(input('args')),
    failOn: failOn as FailOn,
    probe: booleanInput('probe', input('probe') || 'true'),
    sarifFile: input('sarif-file') || undefined,
    summary: booleanInput('summary', input('summary') || 'true'),
  };
}

export interface ActionIo {
  readonly env: NodeJS.ProcessEnv;
  readonly write: (text: string) => void;
  readonly cwd: string;
}

/** Runs the action; never throws. Returns the exit code. */
export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  let atLineStart = true;
  const write = (text: string): void => {
    if (text === '') return;
    io.write(text);
    atLineStart = text.endsWith('\n');
  };
  const annotate = (command: string, message: string): void => write(`${atLineStart ? '' : '\n'}${commandLine(command, { title: 'wasm-doctor' }, message)}\n`);
  try {
    const inputs = readInputs(env);
    const argv = [path.resolve(io.cwd, inputs.path), ...(inputs.probe ? [] : ['--no-probe']), ...inputs.args];
    const options = await checkOptionsFrom(argv, env);
    const maxWarnings = inputs.failOn === 'warning' ? 0 : options.maxWarnings;
    // The log gets workflow commands whatever `args` says; the other outputs are files.
    const result = await check({ ...options, format: 'github', color: false, outputFile: undefined, stepSummary: undefined, maxWarnings });
    const { report } = result;
    write(result.stdout);
    // Fix notes (and a --fix-dry-run diff) quote paths and project lines: plain log text, defused.
    write(defuseCommands(result.stderr));

    if (inputs.summary && env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${formatJobSummary(report)}\n`, 'utf8');
    const sarifFile = inputs.sarifFile && path.resolve(io.cwd, inputs.sarifFile);
    if (sarifFile) {
      mkdirSync(path.dirname(sarifFile), { recursive: true });
      const sarif = formatSarif(report, { workspace: options.workspace ?? io.cwd, rules: ruleCatalog(), ruleDocs: loadRuleDocs(), category: options.sarifCategory });
      writeFileSync(sarifFile, sarif, 'utf8');
    }
    if (env.GITHUB_OUTPUT) {
      const outputs = [`errors=${report.summary.errors}`, `warnings=${report.summary.warnings}`, `sarif-file=${sarifFile ?? ''}`];
      appendFileSync(env.GITHUB_OUTPUT, `${outputs.join('\n')}\n`, 'utf8');
    }

    const code = inputs.failOn === 'never' && !report.crashed ? 0 : exitCode(report, maxWarnings);
    const { errors, warnings } = report.summary;
    if (code === 1 && errors === 0) annotate('error', `${warnings} warning${warnings === 1 ? '' : 's'} with fail-on: ${inputs.failOn}${maxWarnings > 0 ? ` and max-warnings ${maxWarnings}` : ''}`);
    return code;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    annotate('error', `wasm-doctor failed: ${message}`);
    if (!(e instanceof InputError) && e instanceof Error && e.stack && env.RUNNER_DEBUG === '1') write(`${commandLine('debug', {}, e.stack)}\n`);
    return 2;
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  process.exitCode = await runAction({
    env: process.env,
    write: (text) => process.stdout.write(text),
    cwd: process.cwd(),
  });
}
