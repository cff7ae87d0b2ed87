/**
 * Runs tool probes (design.md §2.7). The only module that spawns processes; `runProbe` never throws.
 * Nothing here installs anything: `RUSTUP_AUTO_INSTALL=0` stops rustup from fetching a toolchain
 * pinned by the project's `rust-toolchain.toml` just because we asked for a version.
 */
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { firstLine, parseRustc } from './parse.ts';
import { locatedRaw, toolSetFrom } from './stub.ts';
import { PROBES, probeCommand, type ProbeSpec } from './table.ts';
import type { ProbeFailure, ProbeResult, RustcInfo, ToolId, ToolSet } from './types.ts';

export interface ProbeOptions {
  /** project root: rustup applies its `rust-toolchain.toml` override from here */
  readonly cwd: string;
  /** used as the whole environment (PATH included), plus `RUSTUP_AUTO_INSTALL=0` */
  readonly env: NodeJS.ProcessEnv;
  /** per process; default 10 000 */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_BUFFER = 1024 * 1024;
const DETAIL_CHARS = 200;
const IS_WINDOWS = process.platform === 'win32';

/** Probe every tool in `ids` concurrently. */
export async function probeTools(ids: readonly ToolId[], opts: ProbeOptions): Promise<ToolSet> {
  return toolSetFrom(await Promise.all([...new Set(ids)].map((tool) => runProbe(tool, opts))));
}

export async function runProbe(tool: ToolId, opts: ProbeOptions): Promise<ProbeResult> {
  const spec: ProbeSpec = PROBES[tool];
  const command = probeCommand(tool);
  const fail = (reason: ProbeFailure, detail: string): ProbeResult => ({ ok: false, tool, reason, detail, command });
  try {
    // Found and started synchronously: the processes run while the caller goes on reading files.
    const found = resolveBinary(tool, opts);
    if (found.kind !== 'found') return fail(found.kind, found.detail);
    if (!('argv' in spec)) return { ok: true, tool, located: true, raw: locatedRaw(tool), path: found.path, command };
    // rustc's sysroot is asked at the same time as its version; it is stopped when the version
    // answer is unusable. Behind rustup's proxy the sysroot comes first: the toolchain it names
    // may answer the version without a second process.
    const unused = new AbortController();
    const sysroot = tool === 'rustc' ? run(found.path, ['--print', 'sysroot'], opts, unused.signal) : undefined;
    if (sysroot && isRustupProxy(found.path, opts)) {
      const known = installedRustc(await sysroot);
      if (known) return { ok: true, tool, version: known.version, raw: known.raw, path: found.path, command, rustc: known.rustc };
    }
    const running = run(found.path, spec.argv, opts);
    try {
      const output = await running;
      if (!output.ok) return fail(output.reason, output.detail);
      const parsed = spec.parse(output.stdout);
      if (parsed === undefined) return fail('unparsable', summarize(output.stdout) || 'no output on stdout');
      const result = { ok: true, tool, version: parsed.version, raw: firstLine(output.stdout), path: found.path, command } as const;
      return parsed.rustc === undefined || sysroot === undefined ? result : { ...result, rustc: withSysroot(parsed.rustc, await sysroot) };
    } finally {
      unused.abort();
    }
  } catch (error) {
    return fail('exit-nonzero', `internal error while probing: ${String(error)}`);
  }
}

type Resolved = { readonly kind: 'found'; readonly path: string } | { readonly kind: 'not-found' | 'not-executable'; readonly detail: string };

/** Walk PATH like a shell: the first executable file wins; a non-executable match is remembered. */
function resolveBinary(tool: ToolId, opts: ProbeOptions): Resolved {
  const searchPath = (IS_WINDOWS ? opts.env['PATH'] ?? opts.env['Path'] : opts.env['PATH']) ?? '';
  const fileName = IS_WINDOWS ? `${tool}.exe` : tool;
  let notExecutable: string | undefined;
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.resolve(opts.cwd, dir, fileName);
    if (!isFile(candidate)) continue;
    if (isExecutable(candidate)) return { kind: 'found', path: candidate };
    notExecutable ??= candidate;
  }
  return notExecutable === undefined
    ? { kind: 'not-found', detail: `${fileName} is not on PATH` }
    : { kind: 'not-executable', detail: `${notExecutable} is not executable` };
}

/** What `file` is (links followed); no exception for the common "not there", which would cost a stack trace. */
function statKind(file: string): 'file' | 'dir' | undefined {
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    return st?.isFile() ? 'file' : st?.isDirectory() ? 'dir' : undefined;
  } catch {
    return undefined;
  }
}

const isFile = (file: string): boolean => statKind(file) === 'file';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when the rustc on PATH is rustup's proxy: the same file as the rustup on PATH (rustup
 * installs its proxies as hard or symbolic links to itself).
 */
function isRustupProxy(rustc: string, opts: ProbeOptions): boolean {
  if (IS_WINDOWS) return false;
  const rustup = resolveBinary('rustup', opts);
  if (rustup.kind !== 'found') return false;
  try {
    const [a, b] = [statSync(rustc), statSync(rustup.path)];
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

/**
 * A rustup toolchain's rustc without running it twice: `rustc --print sysroot` through the proxy
 * names the toolchain directory, whose channel manifest records the rustc it installed
 * (`[pkg.rustc] version = "1.85.0 (4d91de4e4 2025-02-17)"`, what `rustc --version` prints) and
 * whose `manifest-rustc-<host>` file names the host. Undefined when any of it is missing (a
 * linked toolchain has no manifest): then rustc is asked as usual.
 */
function installedRustc(sysroot: RunOutput): { version: string; raw: string; rustc: RustcInfo } | undefined {
  const dir = sysroot.ok ? firstLine(sysroot.stdout) : '';
  if (dir === '') return undefined;
  const rustlib = path.join(dir, 'lib', 'rustlib');
  const line = /^\[pkg\.rustc\]\r?\nversion = "([^"\n]+)"/m.exec(readOrEmpty(path.join(rustlib, 'multirust-channel-manifest.toml')))?.[1];
  const hosts = (listOrUndefined(rustlib) ?? []).flatMap((n) => (n.startsWith(RUSTC_MANIFEST) ? [n.slice(RUSTC_MANIFEST.length)] : []));
  if (line === undefined || hosts.length !== 1) return undefined;
  const date = /\((?:[0-9a-f]+ )?(\d{4}-\d{2}-\d{2})\)$/.exec(line)?.[1];
  // What `rustc -vV` would print, as far as wasm-doctor reads it.
  const parsed = parseRustc(`rustc ${line}\nhost: ${hosts[0]}\n${date ? `commit-date: ${date}\n` : ''}`);
  if (parsed?.rustc === undefined) return undefined;
  return { version: parsed.version, raw: `rustc ${line}`, rustc: withSysroot(parsed.rustc, sysroot) };
}

/** rustup's record of an installed rustc component, `manifest-rustc-<host>` in `lib/rustlib`. */
const RUSTC_MANIFEST = 'manifest-rustc-';

type RunOutput =
  | { readonly ok: true; readonly stdout: string }
  | { readonly ok: false; readonly reason: ProbeFailure; readonly detail: string };

async function run(binary: string, argv: readonly string[], opts: ProbeOptions, stop?: AbortSignal): Promise<RunOutput> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const subprocess = execa(binary, argv, {
    cwd: opts.cwd,
    env: { ...opts.env, RUSTUP_AUTO_INSTALL: '0' },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    maxBuffer: MAX_BUFFER,
    // Own process group, so a timeout can kill the whole tree (a rustup shim and its rustc, a
    // wrapper script and its child); a surviving grandchild would hold stdout open.
    detached: !IS_WINDOWS,
  });
  stop?.addEventListener('abort', () => {
    if (subprocess.exitCode === null && subprocess.signalCode === null) killTree(subprocess);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(subprocess);
  }, timeoutMs);
  const result = await subprocess.finally(() => clearTimeout(timer));
  if (timedOut) return { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  if (result.isMaxBuffer) return { ok: false, reason: 'unparsable', detail: `output larger than ${MAX_BUFFER} bytes` };
  if (result.exitCode === 0) return { ok: true, stdout: result.stdout };
  if (result.exitCode === undefined && result.signal === undefined) {
    // could not spawn at all (bad interpreter line, wrong architecture, permission)
    return { ok: false, reason: 'not-executable', detail: result.originalMessage ?? result.shortMessage ?? 'could not be started' };
  }
  const stderr = summarize(result.stderr);
  const fallback = result.signal === undefined ? `exit code ${result.exitCode}` : `killed by ${result.signal}`;
  return { ok: false, reason: 'exit-nonzero', detail: stderr || fallback };
}

function killTree(subprocess: ResultPromise): void {
  if (subprocess.pid !== undefined && !IS_WINDOWS) {
    try {
      process.kill(-subprocess.pid, 'SIGKILL');
      return;
    } catch {
      // group already gone: fall through to the direct kill, which is then a no-op
    }
  }
  subprocess.kill('SIGKILL');
}

/**
 * Adds the `rustc --print sysroot` answer and the targets whose std is installed there; unknown
 * stays unset. The sysroot is read synchronously (a few entries): each asynchronous step would
 * wait for the main thread, busy reading the project, before the probe could finish.
 */
function withSysroot(info: RustcInfo, output: RunOutput): RustcInfo {
  const sysroot = output.ok ? firstLine(output.stdout) : '';
  if (sysroot === '') return info;
  const installedTargets = installedTargetsIn(sysroot);
  return { ...info, sysroot, ...(installedTargets === undefined ? {} : { installedTargets }) };
}

function installedTargetsIn(sysroot: string): readonly string[] | undefined {
  const rustlib = path.join(sysroot, 'lib', 'rustlib');
  const names = listOrUndefined(rustlib);
  return names?.filter((name) => statKind(path.join(rustlib, name, 'lib')) === 'dir').sort();
}

function listOrUndefined(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** First line, control characters replaced, cut to a size that fits a diagnostic note. */
function summarize(text: string): string {
  const line = firstLine(text).replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, '�');
  return line.length > DETAIL_CHARS ? `${line.slice(0, DETAIL_CHARS)}…` : line;
}
