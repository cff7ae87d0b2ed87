import { TOOL_VERSION } from '../tool.ts';

/** `--version` answers before the rest of the CLI is loaded: it is what scripts call most. */
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${TOOL_VERSION}\n`);
else await (await import('../cli.ts')).run(args);
