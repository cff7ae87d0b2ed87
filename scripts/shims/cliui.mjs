// Bundle-time stand-in for yargs' help layout (cliui). wasm-doctor renders its own help and never
// asks yargs for usage output (help(false), a throwing fail handler, no .command()), so the real
// module would only cost start-up time. scripts/build.mjs swaps it in; tests run the real yargs.
export default function cliui() {
  const rows = [];
  return {
    div: (...cols) => rows.push(cols.map((c) => (typeof c === 'string' ? c : c.text)).join(' ')),
    span: (...cols) => rows.push(cols.map((c) => (typeof c === 'string' ? c : c.text)).join(' ')),
    resetOutput: () => rows.splice(0),
    toString: () => rows.join('\n'),
  };
}
