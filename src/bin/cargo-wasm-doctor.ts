import { run } from '../cli.ts';

/** `cargo wasm-doctor …` runs `cargo-wasm-doctor wasm-doctor …`: drop cargo's extra argument. */
const args = process.argv.slice(2);
await run(args[0] === 'wasm-doctor' ? args.slice(1) : args);
