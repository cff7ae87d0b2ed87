/**
 * yargs wiring only: argv → commands → exit code (design.md §2.2). Commands are read from the
 * first positional rather than declared with `.command()`, and help is rendered from the option
 * table: yargs' command and help machinery costs more start-up time than the whole check.
 */
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { manifestDir, outputFile, ruleOverrides, splitLintFlags, wholeNumber } from './commands/arguments.ts';
import { check, type CheckOptions } from './commands/check.ts';
import { terminalProgress } from './commands/progress.ts';
import { useColor } from './commands/color.ts';
import { explain, listRules } from './commands/explain.ts';
import { UsageError } from './errors.ts';
import { FORMAT_NAMES, type FormatName } from './format/index.ts';
import { shieldCommands } from './format/ci-log.ts';
import { loadToolStub, toolsToJson } from './probe/stub.ts';
import { PROBE_IDS } from './probe/table.ts';
import { resolveRoot } from './workspace/load.ts';
import { TOOL_VERSION } from './tool.ts';

interface OptionSpec {
  readonly type: 'string' | 'boolean' | 'number';
  readonly alias?: string;
  /** may be given more than once */
  readonly array?: boolean;
  /** the value's name in the help */
  readonly value?: string;
  readonly default?: string | boolean | number;
  readonly choices?: readonly string[];
  readonly describe: string;
  /** shown as `--[no-]name` */
  readonly negatable?: boolean;
}

const OPTIONS = {
  format: { type: 'string', alias: 'f', default: 'text', choices: FORMAT_NAMES, describe: 'output format' },
  'output-file': { type: 'string', alias: 'o', value: 'FILE', describe: 'write the report to FILE instead of stdout (without colour)' },
  'manifest-path': { type: 'string', value: 'PATH', describe: 'check the project of this Cargo.toml (instead of DIR), as cargo takes it' },
  allow: { type: 'string', alias: 'A', array: true, value: 'RULE', describe: 'turn a rule or namespace glob (`wasi/*`) off; with -W/-D after the config, the last one typed wins' },
  warn: { type: 'string', alias: 'W', array: true, value: 'RULE', describe: 'report a rule or namespace glob as a warning' },
  deny: { type: 'string', alias: 'D', array: true, value: 'RULE', describe: 'report a rule or namespace glob as an error' },
  'show-suppressed': { type: 'boolean', describe: 'with --format json, also list the findings inline `allow(...)` comments silenced' },
  statistics: { type: 'boolean', describe: 'print the number of findings per rule instead of the findings (text format)' },
  fix: { type: 'boolean', describe: 'apply safe fixes to project files, then report what remains' },
  'fix-dry-run': { type: 'boolean', describe: 'print the safe fixes as a unified diff; write nothing' },
  'unsafe-fixes': { type: 'boolean', describe: 'with --fix or --fix-dry-run, also the fixes a rule marks unsafe (see `explain <rule>`, "Fix safety")' },
  probe: { type: 'boolean', default: true, negatable: true, describe: 'run installed tools (rustc, wasm-bindgen, trunk, ...); --no-probe reads files only' },
  cache: { type: 'boolean', default: true, negatable: true, describe: 'start faster from compiled code kept in the user cache directory; --no-cache neither reads nor writes it' },
  'tools-from': { type: 'string', value: 'FILE', describe: 'read tool versions from a JSON file (`wasm-doctor tools` output) instead of running tools' },
  timeout: { type: 'string', default: '10', value: 'N', describe: 'seconds one tool probe may take (a whole number, at least 1)' },
  'max-warnings': { type: 'string', value: 'N', describe: 'exit 1 when there are more than N warnings (default: no limit)' },
  'sarif-category': { type: 'string', value: 'ID', describe: 'with --format sarif, the run\'s automationDetails.id, to tell apart several uploads for one commit' },
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
    const flag = `${o.alias ? `-${o.alias}, ` : '    '}--${o.negatable ? `[no-]${name}` : name}${o.type === 'boolean' ? '' : o.choices ? ` <${o.choices.join('|')}>` : ` <${o.value ?? 'VALUE'}>`}`;
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
Configuration: wasm-doctor.toml at the project root, or [workspace.metadata.wasm-doctor] in its Cargo.toml:
  exclude = ["glob", ...] (not read at all); [rules] "id" or "namespace/*" = "error"|"warning"|"info"|"off".
Suppressions: a comment \`# wasm-doctor: allow(<rule>[, <rule>...]) reason="<text>"\` trailing on the line a
  finding points at, or alone on the line above it, in TOML, YAML, Dockerfiles, Makefiles, justfiles, scripts, Nix files.
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

export async function main(typed: readonly string[]): Promise<number> {
  const argv = splitLintFlags(typed);
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
  const machine = isMachine(format);
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
    const tools = await probeTools(PROBE_IDS, { cwd: root, env: process.env, timeoutMs: wholeNumber('--timeout', args.timeout, 1) * 1000 });
    await write(1, shieldCommands('json', process.env)(`${JSON.stringify(toolsToJson(tools.all()), null, 2)}\n`));
    return 0;
  }
  const progress = terminalProgress(process.stderr);
  const result = await check({ ...checkOptions(args, argv, positionals[0], process.env), onProgress: progress.update }).finally(progress.done);
  // Progress and fix notes on stderr quote paths: text, whatever the report's format.
  await write(2, shieldCommands('text', process.env)(result.stderr));
  await write(1, shieldCommands(format, process.env)(result.stdout));
  return result.exitCode;
}

type Args = Awaited<ReturnType<typeof parseArgs>>;

/** Formats for programs, never coloured; `explain` and `--list-rules` answer them in JSON. */
const isMachine = (format: FormatName): boolean => format === 'json' || format === 'sarif';

function checkOptions(args: Args, argv: readonly string[], dir: string | undefined, env: NodeJS.ProcessEnv): CheckOptions {
  const format = args.format as FormatName;
  const machine = isMachine(format);
  if (args['manifest-path'] !== undefined && dir !== undefined) throw new UsageError('give either DIR or `--manifest-path`, not both');
  if (args.statistics && format !== 'text') throw new UsageError(`\`--statistics\` prints text; it cannot be combined with \`--format ${format}\``);
  const output = outputFile(args['output-file']);
  return {
    dir: args['manifest-path'] !== undefined ? manifestDir(args['manifest-path']) : dir,
    probe: args.probe,
    tools: loadTools(args['tools-from']),
    timeoutMs: wholeNumber('--timeout', args.timeout, 1) * 1000,
    ruleOverrides: ruleOverrides(argv),
    debug: args.debug === true,
    explainBuilds: args['explain-builds'] === true,
    format,
    color: !machine && format !== 'github' && (output ? args.color === true : useColor(args.color, env, process.stdout.isTTY === true)),
    fix: args.fix === true,
    fixDryRun: args['fix-dry-run'] === true,
    unsafeFixes: args['unsafe-fixes'] === true,
    maxWarnings: args['max-warnings'] === undefined ? -1 : wholeNumber('--max-warnings', args['max-warnings'], 0),
    outputFile: output,
    quiet: args.quiet === true,
    showSuppressed: args['show-suppressed'] === true,
    statistics: args.statistics === true,
    sarifCategory: args['sarif-category'],
    workspace: env['GITHUB_WORKSPACE'],
    stepSummary: format === 'github' ? env['GITHUB_STEP_SUMMARY'] || undefined : undefined,
  };
}

/**
 * The `check` options a command line asks for, without running anything: the Action passes
 * its inputs and `args` through here, so it accepts exactly the CLI's options.
 */
export async function checkOptionsFrom(typed: readonly string[], env: NodeJS.ProcessEnv): Promise<CheckOptions> {
  const argv = splitLintFlags(typed);
  const args = await parseArgs(argv);
  const positionals = args._.map(String);
  if (positionals[0] === 'check') positionals.shift();
  if (positionals.length > 1) throw new UsageError(`unexpected argument \`${positionals[1]}\``);
  return checkOptions(args, argv, positionals[0], env);
}

/** Runs the CLI; every failure ends as exit 2 with a message, never an uncaught exception. */
export async function run(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      await write(2, shieldCommands('text', process.env)(`wasm-doctor: error: ${e.message}\n`));
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      const text = `wasm-doctor: internal error, please report it: ${err.message}\n${argv.includes('--debug') ? `${err.stack ?? ''}\n` : ''}`;
      await write(2, shieldCommands('text', process.env)(text));
    }
    process.exitCode = 2;
  }
}
