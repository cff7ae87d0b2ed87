/** yargs wiring only: argv → commands → exit code (design.md §2.2). */
import { readFileSync, writeSync } from 'node:fs';
import yargs from 'yargs';
import { check } from './commands/check.ts';
import { FORMAT_NAMES, type FormatName } from './format/index.ts';
import { useColor } from './commands/color.ts';
import { explain, listRules } from './commands/explain.ts';
import { UsageError } from './errors.ts';
import { probeTools } from './probe/run.ts';
import { loadToolStub, toolSetToJson } from './probe/stub.ts';
import { PROBE_IDS } from './probe/table.ts';
import { resolveRoot } from './project/load.ts';
import { TOOL_VERSION } from './version.ts';

const write = (fd: number, text: string) => {
  if (text) writeSync(fd, text);
};

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

export async function main(argv: readonly string[]): Promise<number> {
  let exit = 0;
  const parser = yargs([...argv])
    .scriptName('wasm-doctor')
    .usage('$0 [check] [DIR] [options]\n\nFinds version drift that breaks Rust → WebAssembly builds: wasm-bindgen CLI vs crate, egui family, WASI target names, toolchains.')
    .command(['check [dir]', '$0 [dir]'], 'check the Cargo project(s) at or below DIR (default: the current directory)', (y) =>
      y.positional('dir', { type: 'string', describe: 'directory to check; walks up to the workspace root' }),
    )
    .command('explain <rule>', 'print the documentation of a rule', (y) => y.positional('rule', { type: 'string', demandOption: true }))
    .command('tools [dir]', 'print the probed tool versions as JSON (usable with --tools-from)', (y) => y.positional('dir', { type: 'string' }))
    .option('format', { alias: 'f', choices: FORMAT_NAMES, default: 'text' as FormatName, describe: 'output format' })
    .option('output-file', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('fix', { type: 'boolean', describe: 'apply safe fixes to project files' })
    .option('fix-dry-run', { type: 'boolean', describe: 'print the fixes as a diff without writing' })
    .option('probe', { type: 'boolean', default: true, describe: 'run installed tools (rustc, wasm-bindgen, ...); --no-probe reads files only' })
    .option('tools-from', { type: 'string', describe: 'read tool versions from a JSON file instead of running tools' })
    .option('timeout', { type: 'number', default: 10, describe: 'seconds a tool probe may take' })
    .option('max-warnings', { type: 'number', default: -1, describe: 'exit 1 when there are more warnings than this (-1: never)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'report errors only' })
    .option('color', { type: 'boolean', describe: 'force colour on or off (default: on a TTY; NO_COLOR and FORCE_COLOR are honoured)' })
    .option('list-rules', { type: 'boolean', default: false, describe: 'list every rule with its default severity and summary' })
    .option('debug', { type: 'boolean', default: false, describe: 'include stack traces of internal errors' })
    .conflicts('fix', 'fix-dry-run')
    .strict()
    .version(TOOL_VERSION)
    .help()
    .alias('h', 'help')
    .alias('V', 'version')
    .epilogue('Exit codes: 0 no errors, 1 errors found (or warnings over --max-warnings), 2 usage error or internal failure.')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });

  const args = await parser.parseAsync();
  if (args.help || args.version) return 0;
  const format = args.format as FormatName;
  const machine = format === 'json' || format === 'sarif';
  if (args['list-rules']) {
    write(1, listRules(machine ? 'json' : 'text'));
    return 0;
  }
  const [cmd] = args._;
  if (cmd === 'explain') {
    write(1, explain(String(args.rule), machine ? 'json' : 'text'));
    return 0;
  }
  if (cmd === 'tools') {
    const root = await resolveRoot(typeof args.dir === 'string' ? args.dir : process.cwd());
    const tools = await probeTools(PROBE_IDS, { cwd: root, env: process.env, timeoutMs: args.timeout * 1000 });
    write(1, `${JSON.stringify(toolSetToJson(tools), null, 2)}\n`);
    return 0;
  }
  const result = await check({
    dir: typeof args.dir === 'string' ? args.dir : undefined,
    probe: args.probe,
    tools: loadTools(args['tools-from']),
    timeoutMs: args.timeout * 1000,
    debug: args.debug,
    format,
    color: !machine && format !== 'github' && useColor(args.color, process.env, process.stdout.isTTY === true),
    fix: args.fix === true,
    fixDryRun: args['fix-dry-run'] === true,
    maxWarnings: args['max-warnings'],
    outputFile: args['output-file'],
    quiet: args.quiet,
    workspace: process.env['GITHUB_WORKSPACE'],
  });
  write(2, result.stderr);
  write(1, result.stdout);
  exit = result.exitCode;
  return exit;
}

/** Runs the CLI; every failure ends as exit 2 with a message, never an uncaught exception. */
export async function run(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      write(2, `wasm-doctor: error: ${e.message}\n`);
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      write(2, `wasm-doctor: internal error, please report it: ${err.message}\n${argv.includes('--debug') ? `${err.stack ?? ''}\n` : ''}`);
    }
    process.exitCode = 2;
  }
}
