/**
 * The GitHub Action entry (the composite action.yml runs `node dist/action.js`, integrations.md §2.4):
 * inputs from `INPUT_*`, annotations on stdout, job summary, optional SARIF, step outputs and
 * the CLI's exit codes (0 clean, 1 findings or too many warnings, 2 internal failure).
 */
import { appendFileSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCode } from './commands/check.ts';
import { loadRuleDocs, ruleCatalog } from './commands/docs.ts';
import { doctor } from './engine/run.ts';
import { commandLine, formatGithub, formatJobSummary } from './format/github.ts';
import { formatSarif } from './format/sarif.ts';

export interface ActionInputs {
  readonly path: string;
  /** -1 = never fail on warnings */
  readonly maxWarnings: number;
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

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  // JavaScript actions get `INPUT_MAX-WARNINGS`; the composite action.yml passes `INPUT_MAX_WARNINGS`.
  const input = (name: string): string => (env[`INPUT_${name.toUpperCase()}`] ?? env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
  const maxRaw = input('max-warnings') || '-1';
  if (!/^-?\d+$/.test(maxRaw)) throw new InputError(`input \`max-warnings\` must be an integer, got \`${maxRaw}\``);
  const sarifFile = input('sarif-file');
  return {
    path: input('path') || '.',
    maxWarnings: Number.parseInt(maxRaw, 10),
    sarifFile: sarifFile || undefined,
    summary: booleanInput('summary', input('summary') || 'true'),
  };
}

/** 0/1/2 exactly as the CLI decides it (integrations.md §5.1). */
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
  try {
    const inputs = readInputs(env);
    const workspace = env.GITHUB_WORKSPACE || undefined;
    const report = await doctor({ dir: path.resolve(io.cwd, inputs.path) });
    write(formatGithub(report, { workspace }));

    if (inputs.summary && env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${formatJobSummary(report)}\n`, 'utf8');
    if (inputs.sarifFile) {
      const file = path.resolve(io.cwd, inputs.sarifFile);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, formatSarif(report, { workspace: workspace ?? io.cwd, rules: ruleCatalog(), ruleDocs: loadRuleDocs() }), 'utf8');
    }
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `errors=${report.summary.errors}\nwarnings=${report.summary.warnings}\n`, 'utf8');

    const { warnings } = report.summary;
    if (inputs.maxWarnings >= 0 && warnings > inputs.maxWarnings) {
      write(`${commandLine('error', { title: 'wasm-doctor' }, `too many warnings: ${warnings} (max-warnings is ${inputs.maxWarnings})`)}\n`);
    }
    return exitCode(report, inputs.maxWarnings);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!atLineStart) io.write('\n');
    io.write(`${commandLine('error', {}, `wasm-doctor failed: ${message}`)}\n`);
    if (!(e instanceof InputError) && e instanceof Error && e.stack && env.RUNNER_DEBUG === '1') {
      io.write(`${commandLine('debug', {}, e.stack)}\n`);
    }
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
