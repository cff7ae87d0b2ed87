/**
 * Runs the CLI bundle (`dist/wasm-doctor.cjs`) through a V8 code cache. Node 20 has no
 * `module.enableCompileCache`, and compiling the bundle's functions on every start costs more than
 * a small check does; `vm.Script` accepts the code V8 compiled on an earlier run (`cachedData`).
 *
 * The cache lives in the user's cache directory, never in the project. Its file name is a hash of
 * the exact bundle text and the Node version, so another bundle or Node never reads it, and V8
 * refuses data from other flags itself (`cachedDataRejected`), which rewrites it. It is written
 * once, after the run, to a temporary file that is renamed into place: concurrent runs each see
 * either no cache or a whole one. A cache that cannot be read or written is skipped in silence.
 * `--no-cache` neither reads nor writes it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What the bundle exports: the CLI's `run`. */
interface CliModule {
  run(argv: readonly string[]): Promise<void>;
}

/** Cache files of other bundles are removed beyond this many, oldest first. */
const KEEP = 4;
const CACHE_FILE = /^[0-9a-f]{32}\.v8$/;

/** The user's cache directory for wasm-doctor (XDG on Linux, the platform's place elsewhere). */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  const home = env['HOME'] || homedir();
  const base =
    env['XDG_CACHE_HOME'] ||
    (process.platform === 'darwin' ? join(home, 'Library', 'Caches') : process.platform === 'win32' ? env['LOCALAPPDATA'] || join(home, 'AppData', 'Local') : join(home, '.cache'));
  return join(base, 'wasm-doctor');
}

/** Runs the CLI in `bundle` with `argv`; a bundle that cannot be loaded is exit 2 with a message. */
export function runCompiled(bundle: string, argv: readonly string[]): void {
  start(bundle, argv).catch((e: unknown) => {
    process.stderr.write(`wasm-doctor: internal error, please report it: cannot start the CLI from \`${bundle}\`: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}

async function start(bundle: string, argv: readonly string[]): Promise<void> {
  const bytes = readFileSync(bundle);
  const source = bytes.toString('utf8');
  const dir = argv.includes('--no-cache') ? undefined : cacheDir(process.env);
  const file = dir && join(dir, `${createHash('sha256').update(`${process.version} ${process.arch}\0`).update(bytes).digest('hex').slice(0, 32)}.v8`);
  const cachedData = file ? readOrUndefined(file) : undefined;
  // The CommonJS wrapper, as Node's own loader writes it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const module = { exports: {} as CliModule };
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  wrapper(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  await module.exports.run(argv);
  if (dir && file && (cachedData === undefined || script.cachedDataRejected === true)) store(dir, file, script.createCachedData());
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache beside its final name and renames it into place; any failure leaves no file behind. */
function store(dir: string, file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(16).slice(2)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, file);
    prune(dir);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the directory itself is unusable: there is no temporary file either
    }
  }
}

/** Keeps the newest few cache files: every upgrade of wasm-doctor or Node leaves one behind. */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((name) => CACHE_FILE.test(name))
    .map((name) => ({ path: join(dir, name), time: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of files.slice(KEEP)) rmSync(old.path, { force: true });
}
