/**
 * yargs wiring only: argv → commands → exit code (design.md §2.2). Commands are read from the
 * first positional rather than declared with `.command()`, and help is rendered from the option
 * table: yargs' command and help machinery costs more start-up time than the whole check.
 */
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { check } from './commands/check.ts';
import { useColor } from './commands/color.ts';
import { explain, listRules } from './commands/explain.ts';
import { UsageError } from './errors.ts';
import { FORMAT_NAMES, type FormatName } from './format/index.ts';
import { loadToolStub, toolsToJson } from './probe/stub.ts';
import { PROBE_IDS } from './probe/table.ts';
import { resolveRoot } from './workspace/load.ts';
import { TOOL_VERSION } from './tool.ts';

interface OptionSpec {
  readonly type: 'string' | 'boolean' | 'number';
  readonly alias?: string;
  readonly default?: string | boolean | number;
  readonly choices?: readonly string[];
  readonly describe: string;
  /** shown as `--[no-]name` */
  readonly negatable?: boolean;
}

const OPTIONS = {
  format: { type: 'string', alias: 'f', default: 'text', choices: FORMAT_NAMES, describe: 'output format' },
  'output-file': { type: 'string', alias: 'o', describe: 'write the report to FILE instead of stdout' },
  fix: { type: 'boolean', describe: 'apply safe fixes to project files, then report what remains' },
  'fix-dry-run': { type: 'boolean', describe: 'print the safe fixes as a unified diff; write nothing' },
  'unsafe-fixes': { type: 'boolean', describe: 'with --fix or --fix-dry-run, also the fixes a rule marks unsafe (see `explain <rule>`, "Fix safety")' },
  probe: { type: 'boolean', default: true, negatable: true, describe: 'run installed tools (rustc, wasm-bindgen, trunk, ...); --no-probe reads files only' },
  'tools-from': { type: 'string', describe: 'read tool versions from a JSON file (`wasm-doctor tools` output) instead of running tools' },
  timeout: { type: 'number', default: 10, describe: 'seconds one tool probe may take' },
  'max-warnings': { type: 'number', default: -1, describe: 'exit 1 when there are more warnings than this (-1: never)' },
  quiet: { type: 'boolean', alias: 'q', describe: 'report errors only' },
  color: { type: 'boolean', negatable: true, describe: 'force colour on or off (default: on a TTY; NO_COLOR and FORCE_COLOR are honoured)' },
  'explain-builds': { type: 'boolean', describe: 'after the findings, list which wasm-bindgen each build path runs and each build environment (text format)' },
  'list-rules': { type: 'boolean', describe: 'list every rule with its default severity and summary' },
  debug: { type: 'boolean', describe: 'include stack traces of internal errors' },
  help: { type: 'boolean', alias: 'h', describe: 'show this help' },
  version: { type: 'boolean', alias: 'V', describe: 'show the version' },
} as const satisfies Record<string, OptionSpec>;

const COMMANDS = ['check', 'explain', 'tools'] as const;

function helpText(): string {
  const rows = Object.entries(OPTIONS).map(([name, o]: [string, OptionSpec]) => {
    const flag = `${o.alias ? `-${o.alias}, ` : '    '}--${o.negatable ? `[no-]${name}` : name}${o.type === 'boolean' ? '' : o.choices ? ` <${o.choices.join('|')}>` : ` <${o.type === 'number' ? 'N' : name === 'output-file' || name === 'tools-from' ? 'FILE' : 'VALUE'}>`}`;
    const dflt = o.default !== undefined && o.type !== 'boolean' ? ` (default: ${String(o.default)})` : '';
    return [flag, `${o.describe}${dflt}`] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  return `wasm-doctor ${TOOL_VERSION}: finds the version drift that breaks Rust → WebAssembly builds

Usage:
  wasm-doctor [check] [DIR] [options]   check the Cargo project(s) at or below DIR (default: .);
                                        inside a workspace member it walks up to the workspace root
  wasm-doctor explain <RULE>            print a rule's documentation
  wasm-doctor tools [DIR]               print the probed tool versions as JSON (for --tools-from)
  wasm-doctor --list-rules              list the rules
  cargo wasm-doctor ...                 the same, as a cargo subcommand

Options:
${rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`).join('\n')}

Exit codes: 0 no errors, 1 errors found (or warnings over --max-warnings), 2 usage error or internal failure.
Configuration: wasm-doctor.toml at the project root ([rules] "id" or "namespace/*" = "error"|"warning"|"info"|"off").
`;
}

/** Writes through the stream (it handles partial writes on pipes) and waits until the text is handed over. */
const write = (fd: 1 | 2, text: string): Promise<void> =>
  new Promise((resolve) => {
    if (!text) resolve();
    else (fd === 1 ? process.stdout : process.stderr).write(text, () => resolve());
  });

function loadTools(path: string | undefined) {
  if (!path) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read tool results from \`${path}\`: ${(e as Error).message}`);
  }
  try {
    return loadToolStub(json, path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function parseArgs(argv: readonly string[]) {
  return yargs([...argv])
    .help(false)
    .version(false)
    .options(OPTIONS)
    .strictOptions()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .parseAsync();
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = await parseArgs(argv);
  if (args.help) {
    await write(1, helpText());
    return 0;
  }
  if (args.version) {
    await write(1, `${TOOL_VERSION}\n`);
    return 0;
  }
  const positionals = args._.map(String);
  const command = (COMMANDS as readonly string[]).includes(positionals[0] ?? '') ? (positionals.shift() as (typeof COMMANDS)[number]) : 'check';
  if (positionals.length > 1) throw new UsageError(`unexpected argument \`${positionals[1]}\` (see \`wasm-doctor --help\`)`);
  if (args.fix && args['fix-dry-run']) throw new UsageError('`--fix` and `--fix-dry-run` cannot be combined');
  const format = args.format as FormatName;
  const machine = format === 'json' || format === 'sarif';
  if (args['list-rules']) {
    await write(1, listRules(machine ? 'json' : 'text'));
    return 0;
  }
  if (command === 'explain') {
    if (!positionals[0]) throw new UsageError('`explain` needs a rule id, e.g. `wasm-doctor explain wasi/target-renamed`');
    await write(1, explain(positionals[0], machine ? 'json' : 'text'));
    return 0;
  }
  if (command === 'tools') {
    const root = await resolveRoot(positionals[0] ?? process.cwd());
    const { probeTools } = await import('./probe/run.ts');
    const tools = await probeTools(PROBE_IDS, { cwd: root, env: process.env, timeoutMs: args.timeout * 1000 });
    await write(1, `${JSON.stringify(toolsToJson(tools.all()), null, 2)}\n`);
    return 0;
  }
  const result = await check({
    dir: positionals[0],
    probe: args.probe,
    tools: loadTools(args['tools-from']),
    timeoutMs: args.timeout * 1000,
    debug: args.debug === true,
    explainBuilds: args['explain-builds'] === true,
    format,
    color: !machine && format !== 'github' && useColor(args.color, process.env, process.stdout.isTTY === true),
    fix: args.fix === true,
    fixDryRun: args['fix-dry-run'] === true,
    unsafeFixes: args['unsafe-fixes'] === true,
    maxWarnings: args['max-warnings'],
    outputFile: args['output-file'],
    quiet: args.quiet === true,
    workspace: process.env['GITHUB_WORKSPACE'],
  });
  await write(2, result.stderr);
  await write(1, result.stdout);
  return result.exitCode;
}

/** Runs the CLI; every failure ends as exit 2 with a message, never an uncaught exception. */
export async function run(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      await write(2, `wasm-doctor: error: ${e.message}\n`);
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      await write(2, `wasm-doctor: internal error, please report it: ${err.message}\n${argv.includes('--debug') ? `${err.stack ?? ''}\n` : ''}`);
    }
    process.exitCode = 2;
  }
}
