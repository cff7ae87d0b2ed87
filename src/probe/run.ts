/**
 * Runs tool probes (design.md §2.7). The only module that spawns processes; `runProbe` never throws.
 * Nothing here installs anything: `RUSTUP_AUTO_INSTALL=0` stops rustup from fetching a toolchain
 * pinned by the project's `rust-toolchain.toml` just because we asked for a version.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { firstLine } from './parse.ts';
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
    const running = run(found.path, spec.argv, opts);
    // rustc's sysroot is asked at the same time; it is stopped when the version answer is unusable.
    const unused = new AbortController();
    const sysroot = tool === 'rustc' ? run(found.path, ['--print', 'sysroot'], opts, unused.signal) : undefined;
    try {
      const output = await running;
      if (!output.ok) return fail(output.reason, output.detail);
      const parsed = spec.parse(output.stdout);
      if (parsed === undefined) return fail('unparsable', summarize(output.stdout) || 'no output on stdout');
      const result = { ok: true, tool, version: parsed.version, raw: firstLine(output.stdout), path: found.path, command } as const;
      return parsed.rustc === undefined || sysroot === undefined ? result : { ...result, rustc: await withSysroot(parsed.rustc, await sysroot) };
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

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

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

/** Adds the `rustc --print sysroot` answer and the targets whose std is installed there; unknown stays unset. */
async function withSysroot(info: RustcInfo, output: RunOutput): Promise<RustcInfo> {
  const sysroot = output.ok ? firstLine(output.stdout) : '';
  if (sysroot === '') return info;
  const installedTargets = await installedTargetsIn(sysroot);
  return { ...info, sysroot, ...(installedTargets === undefined ? {} : { installedTargets }) };
}

async function installedTargetsIn(sysroot: string): Promise<readonly string[] | undefined> {
  const rustlib = path.join(sysroot, 'lib', 'rustlib');
  const names = await readdir(rustlib).catch(() => undefined);
  if (names === undefined) return undefined;
  const installed = await Promise.all(names.map((name) => isDirectory(path.join(rustlib, name, 'lib'))));
  return names.filter((_, index) => installed[index]).sort();
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** First line, control characters replaced, cut to a size that fits a diagnostic note. */
function summarize(text: string): string {
  const line = firstLine(text).replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, '�');
  return line.length > DETAIL_CHARS ? `${line.slice(0, DETAIL_CHARS)}…` : line;
}
