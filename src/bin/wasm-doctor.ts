#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../tool.ts';
import { runCompiled } from './compiled.ts';

/** `--version` answers before the rest of the CLI is loaded: it is what scripts call most. */
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${TOOL_VERSION}\n`);
else runCompiled(fileURLToPath(new URL('./wasm-doctor.cjs', import.meta.url)), args);
