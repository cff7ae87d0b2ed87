import { chmod, link, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeTools, runProbe } from '../../src/probe/run.ts';
import { loadToolStub, toolsToJson } from '../../src/probe/stub.ts';
import type { ToolId } from '../../src/probe/types.ts';

/** Absolute path of a system utility, since the probes only see `PATH: bin`. */
function which(name: string): string {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found on PATH`);
}

const SLEEP = which('sleep');
const HEAD = which('head');

let root: string;
let bin: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'wasm-doctor-probe-'));
  bin = path.join(root, 'bin');
  await mkdir(bin);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function tool(name: string, body: string, mode = 0o755): Promise<string> {
  const file = path.join(bin, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, mode);
  return file;
}

const opts = (extra: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}) => ({
  cwd: root,
  env: { PATH: bin, ...extra.env },
  ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
});

/** A killed process may linger as a zombie until its new parent reaps it; that counts as dead. */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat !== undefined) return !/^\d+ \(.*\) Z/.test(stat);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runProbe', () => {
  it('reads a good wasm-bindgen', async () => {
    const file = await tool('wasm-bindgen', 'echo "wasm-bindgen 0.2.74 (27c7a4d06)"');
    expect(await runProbe('wasm-bindgen', opts())).toEqual({
      ok: true,
      tool: 'wasm-bindgen',
      version: '0.2.74',
      raw: 'wasm-bindgen 0.2.74 (27c7a4d06)',
      path: file,
      command: 'wasm-bindgen --version',
    });
  });

  it('passes the argv from the table', async () => {
    await tool('wasm-opt', '[ "$*" = "--version" ] && echo "wasm-opt version 123 (version_123)"');
    expect(await runProbe('wasm-opt', opts())).toMatchObject({ ok: true, version: '123' });
  });

  it('kills the whole process tree on timeout', async () => {
    const pidFile = path.join(root, 'sleep.pid');
    await tool('trunk', `${SLEEP} 30 &\necho $! > "${pidFile}"\nwait\necho "trunk 0.21.14"`);
    const started = performance.now();
    const result = await runProbe('trunk', opts({ timeoutMs: 300 }));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ ok: false, tool: 'trunk', reason: 'timeout', command: 'trunk --version' });
    const sleeper = Number(await readFile(pidFile, 'utf8'));
    expect(sleeper).toBeGreaterThan(0);
    expect(await isAlive(sleeper)).toBe(false);
  });

  it('treats 5 MB of garbage as unparsable, not a crash', async () => {
    await tool('wasm-pack', `${HEAD} -c 5000000 /dev/urandom`);
    expect(await runProbe('wasm-pack', opts())).toMatchObject({ ok: false, reason: 'unparsable' });
  });

  it('treats a short non-version answer as unparsable and shows it', async () => {
    await tool('wasmtime', 'echo "Usage: wasmtime [OPTIONS]"');
    expect(await runProbe('wasmtime', opts())).toMatchObject({ ok: false, reason: 'unparsable', detail: 'Usage: wasmtime [OPTIONS]' });
  });

  it('reports a non-zero exit with the first stderr line', async () => {
    await tool('cargo-leptos', 'echo "error: no such command" >&2\necho "second line" >&2\nexit 3');
    expect(await runProbe('cargo-leptos', opts())).toEqual({
      ok: false,
      tool: 'cargo-leptos',
      reason: 'exit-nonzero',
      detail: 'error: no such command',
      command: 'cargo-leptos --version',
    });
  });

  it('falls back to the exit code when stderr is empty', async () => {
    await tool('cargo-leptos', 'exit 3');
    expect(await runProbe('cargo-leptos', opts())).toMatchObject({ reason: 'exit-nonzero', detail: 'exit code 3' });
  });

  it('reports a non-executable file', async () => {
    const file = await tool('wasm-opt', 'echo "wasm-opt version 116"', 0o644);
    expect(await runProbe('wasm-opt', opts())).toMatchObject({ ok: false, reason: 'not-executable', detail: `${file} is not executable` });
  });

  it('prefers a later executable over an earlier non-executable file, like a shell', async () => {
    await tool('wasm-opt', 'echo "wasm-opt version 116"', 0o644);
    const other = path.join(root, 'other');
    await mkdir(other);
    await writeFile(path.join(other, 'wasm-opt'), '#!/bin/sh\necho "wasm-opt version 117"\n', { mode: 0o755 });
    const result = await runProbe('wasm-opt', { cwd: root, env: { PATH: [bin, other].join(path.delimiter) } });
    expect(result).toMatchObject({ ok: true, version: '117', path: path.join(other, 'wasm-opt') });
  });

  it('reports a script whose interpreter is missing as not executable', async () => {
    const file = path.join(bin, 'wasm-pack');
    await writeFile(file, '#!/nonexistent/interpreter\n', { mode: 0o755 });
    expect(await runProbe('wasm-pack', opts())).toMatchObject({ ok: false, reason: 'not-executable' });
  });

  it('reports a missing tool, and ignores directories of that name', async () => {
    await mkdir(path.join(bin, 'wasmtime'));
    expect(await runProbe('wasmtime', opts())).toMatchObject({ ok: false, tool: 'wasmtime', reason: 'not-found' });
    expect(await runProbe('wasmtime', { cwd: root, env: {} })).toMatchObject({ reason: 'not-found' });
  });

  it('skips a PATH entry that is a file, not a directory', async () => {
    const notDir = path.join(root, 'not-a-dir');
    await writeFile(notDir, '');
    await tool('wasm-bindgen', 'echo "wasm-bindgen 0.2.93"');
    const result = await runProbe('wasm-bindgen', { cwd: root, env: { PATH: [notDir, bin].join(path.delimiter) } });
    expect(result).toMatchObject({ ok: true, version: '0.2.93' });
  });

  it('always sets RUSTUP_AUTO_INSTALL=0 and passes only the given env', async () => {
    await tool('cargo', 'echo "cargo 1.${RUSTUP_AUTO_INSTALL}.${WASM_DOCTOR_PROBE_TEST:-7}"');
    process.env['WASM_DOCTOR_PROBE_TEST'] = '5';
    try {
      expect(await runProbe('cargo', opts({ env: { RUSTUP_AUTO_INSTALL: '1' } }))).toMatchObject({ ok: true, version: '1.0.7' });
    } finally {
      delete process.env['WASM_DOCTOR_PROBE_TEST'];
    }
  });

  it('finds rustup on PATH without running it', async () => {
    const marker = path.join(root, 'rustup-ran');
    const rustup = await tool('rustup', `touch ${JSON.stringify(marker)}\necho "rustup 1.28.2"`);
    expect(await runProbe('rustup', opts())).toEqual({ ok: true, tool: 'rustup', located: true, raw: 'rustup (found on PATH, not run)', path: rustup, command: 'rustup' });
    expect(existsSync(marker)).toBe(false);
    expect(await runProbe('rustup', opts({ env: { PATH: '/nonexistent' } }))).toMatchObject({ ok: false, reason: 'not-found' });
  });

  describe('rustc behind a rustup proxy', () => {
    /** rustup, with rustc as a hard link to it (as rustup installs its proxies), logging each rustc call. */
    async function proxy(manifest: string | undefined): Promise<{ sysroot: string; calls: () => Promise<string[]> }> {
      const sysroot = path.join(root, 'toolchains', 'stable-x86_64-unknown-linux-gnu');
      const rustlib = path.join(sysroot, 'lib', 'rustlib');
      await mkdir(path.join(rustlib, 'wasm32-unknown-unknown', 'lib'), { recursive: true });
      await writeFile(path.join(rustlib, 'manifest-rustc-x86_64-unknown-linux-gnu'), '');
      if (manifest !== undefined) await writeFile(path.join(rustlib, 'multirust-channel-manifest.toml'), manifest);
      const log = path.join(root, 'rustc.log');
      await writeFile(log, '');
      const rustup = await tool(
        'rustup',
        `echo "$*" >> ${JSON.stringify(log)}\nif [ "$1" = "--print" ]; then echo ${JSON.stringify(sysroot)}; else printf 'rustc 1.85.0 (4d91de4e4 2025-02-17)\\nhost: x86_64-unknown-linux-gnu\\nrelease: 1.85.0\\n'; fi`,
      );
      await link(rustup, path.join(bin, 'rustc'));
      return { sysroot, calls: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
    }
    const MANIFEST = 'manifest-version = "2"\ndate = "2025-02-20"\n\n[pkg.cargo]\nversion = "0.86.0 (adf9b6ad1 2025-02-14)"\n\n[pkg.rustc]\nversion = "1.85.0 (4d91de4e4 2025-02-17)"\n\n[pkg.rustc.target.x86_64-unknown-linux-gnu]\navailable = true\n';

    it('reads the version from the toolchain rustup installed: one process, the answer rustc -vV gives', async () => {
      const { sysroot, calls } = await proxy(MANIFEST);
      const result = await runProbe('rustc', opts());
      expect(await calls()).toEqual(['--print sysroot']);
      expect(result).toEqual({
        ok: true,
        tool: 'rustc',
        version: '1.85.0',
        raw: 'rustc 1.85.0 (4d91de4e4 2025-02-17)',
        path: path.join(bin, 'rustc'),
        command: 'rustc -vV',
        rustc: { channel: 'stable', host: 'x86_64-unknown-linux-gnu', commitDate: '2025-02-17', sysroot, installedTargets: ['wasm32-unknown-unknown'] },
      });
    });

    it('reads a nightly', async () => {
      await proxy(MANIFEST.replace('1.85.0 (4d91de4e4 2025-02-17)', '1.87.0-nightly (f8a913b13 2025-02-23)'));
      expect(await runProbe('rustc', opts())).toMatchObject({ version: '1.87.0', raw: 'rustc 1.87.0-nightly (f8a913b13 2025-02-23)', rustc: { channel: 'nightly', commitDate: '2025-02-23' } });
    });

    it('asks rustc when the toolchain has no channel manifest (a linked toolchain)', async () => {
      const { sysroot, calls } = await proxy(undefined);
      const result = await runProbe('rustc', opts());
      expect((await calls()).sort()).toEqual(['--print sysroot', '-vV']);
      expect(result).toMatchObject({ ok: true, version: '1.85.0', rustc: { host: 'x86_64-unknown-linux-gnu', sysroot } });
    });
  });

  it('runs in the project root', async () => {
    await writeFile(path.join(root, 'pinned'), '1.85.0');
    await tool('cargo', 'read -r v < pinned\necho "cargo $v (d73d2caf9 2024-12-31)"');
    expect(await runProbe('cargo', opts())).toMatchObject({ ok: true, version: '1.85.0' });
  });

  it('reads rustc -vV and the installed targets under its sysroot', async () => {
    const sysroot = path.join(root, 'sysroot');
    const rustlib = path.join(sysroot, 'lib', 'rustlib');
    await mkdir(path.join(rustlib, 'wasm32-unknown-unknown', 'lib'), { recursive: true });
    await mkdir(path.join(rustlib, 'x86_64-unknown-linux-gnu', 'lib'), { recursive: true });
    await mkdir(path.join(rustlib, 'wasm32-wasip1'), { recursive: true });
    await mkdir(path.join(rustlib, 'etc'), { recursive: true });
    await writeFile(path.join(rustlib, 'components'), 'rustc\nrust-std-wasm32-unknown-unknown\n');
    const file = await tool(
      'rustc',
      [
        'if [ "$*" = "--print sysroot" ]; then echo "' + sysroot + '"; exit 0; fi',
        '[ "$*" = "-vV" ] || exit 9',
        'echo "rustc 1.86.0-nightly (9a1d156f3 2025-01-19)"',
        'echo "binary: rustc"',
        'echo "commit-hash: 9a1d156f38c51441ee51e5a068f1d0caf4bb0f27"',
        'echo "commit-date: 2025-01-19"',
        'echo "host: x86_64-unknown-linux-gnu"',
        'echo "release: 1.86.0-nightly"',
        'echo "LLVM version: 19.1.7"',
      ].join('\n'),
    );
    expect(await runProbe('rustc', opts())).toEqual({
      ok: true,
      tool: 'rustc',
      version: '1.86.0',
      raw: 'rustc 1.86.0-nightly (9a1d156f3 2025-01-19)',
      path: file,
      command: 'rustc -vV',
      rustc: {
        channel: 'nightly',
        host: 'x86_64-unknown-linux-gnu',
        commitDate: '2025-01-19',
        sysroot,
        installedTargets: ['wasm32-unknown-unknown', 'x86_64-unknown-linux-gnu'],
      },
    });
  });

  it('leaves installedTargets unknown when --print sysroot fails', async () => {
    await tool('rustc', '[ "$1" = "-vV" ] || exit 1\necho "rustc 1.85.0 (4d91de4e4 2025-02-17)"');
    const result = await runProbe('rustc', opts());
    expect(result).toMatchObject({ ok: true, version: '1.85.0', rustc: { channel: 'stable' } });
    expect(result.ok && result.rustc?.installedTargets).toBeUndefined();
  });
});

describe('probeTools', () => {
  it('probes in parallel and returns a sorted ToolSet', async () => {
    const ids: ToolId[] = ['wasm-pack', 'wasm-bindgen', 'cargo-leptos', 'wasm-opt'];
    await tool('wasm-bindgen', `${SLEEP} 1\necho "wasm-bindgen 0.2.93"`);
    await tool('wasm-pack', `${SLEEP} 1\necho "wasm-pack 0.13.1"`);
    await tool('cargo-leptos', `${SLEEP} 1\necho "cargo-leptos 0.3.1"`);
    const started = performance.now();
    const set = await probeTools(ids, opts());
    expect(performance.now() - started).toBeLessThan(2500);
    expect(set.all().map((r) => [r.tool, r.ok])).toEqual([
      ['cargo-leptos', true],
      ['wasm-bindgen', true],
      ['wasm-opt', false],
      ['wasm-pack', true],
    ]);
    expect(set.get('wasm-opt')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(set.get('trunk')).toMatchObject({ ok: false, tool: 'trunk', reason: 'skipped', command: 'trunk --version' });
  });

  it('round-trips through toolsToJson and loadToolStub', async () => {
    const sysroot = path.join(root, 'sysroot');
    await mkdir(path.join(sysroot, 'lib', 'rustlib', 'wasm32-unknown-unknown', 'lib'), { recursive: true });
    await tool('rustc', `if [ "$1" = "--print" ]; then echo "${sysroot}"; else echo "rustc 1.85.0 (4d91de4e4 2025-02-17)"; echo "host: x86_64-unknown-linux-gnu"; fi`);
    await tool('wasm-bindgen', 'echo "wasm-bindgen 0.2.92"');
    await tool('trunk', 'exit 2');
    await tool('rustup', 'exit 1');
    const live = await probeTools(['rustc', 'wasm-bindgen', 'trunk', 'wasm-opt', 'rustup'], opts());
    const json: unknown = JSON.parse(JSON.stringify(toolsToJson(live.all())));
    const stub = loadToolStub(json, 'tools.json');
    expect(stub.all()).toEqual(live.all().map((r) => (r.ok ? { ...r, path: '(stub)' } : r)));
    expect(json).toEqual({
      rustc: {
        version: '1.85.0',
        raw: 'rustc 1.85.0 (4d91de4e4 2025-02-17)',
        channel: 'stable',
        host: 'x86_64-unknown-linux-gnu',
        sysroot,
        targets: ['wasm32-unknown-unknown'],
      },
      rustup: { located: true },
      trunk: { error: 'exit-nonzero', detail: 'exit code 2' },
      'wasm-bindgen': { version: '0.2.92', raw: 'wasm-bindgen 0.2.92' },
      'wasm-opt': { error: 'not-found', detail: 'wasm-opt is not on PATH' },
    });
  });
});
