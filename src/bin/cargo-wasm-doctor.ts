#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { runCompiled } from './compiled.ts';

/** `cargo wasm-doctor …` runs `cargo-wasm-doctor wasm-doctor …`: drop cargo's extra argument. */
const args = process.argv.slice(2);
runCompiled(fileURLToPath(new URL('./wasm-doctor.cjs', import.meta.url)), args[0] === 'wasm-doctor' ? args.slice(1) : args);
