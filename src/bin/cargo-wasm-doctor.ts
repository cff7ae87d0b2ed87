/** `cargo wasm-doctor …` runs `cargo-wasm-doctor wasm-doctor …`: drop cargo's extra argument. */
const args = process.argv.slice(2);
await (await import('../cli.ts')).run(args[0] === 'wasm-doctor' ? args.slice(1) : args);
