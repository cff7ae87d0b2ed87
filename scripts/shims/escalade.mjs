// Bundle-time stand-in for escalade/sync, which yargs uses only to find a package.json for its
// default `--version` (and `pkgConf`, never called). Unbundled yargs looks above its own
// node_modules; bundled, it starts from the working directory, so it would list the user's
// directories up to / and read their package.json on every start. wasm-doctor turns yargs'
// version off, so the answer is always "no package.json".
export default function escalade() {
  return undefined;
}
