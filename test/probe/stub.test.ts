import { describe, expect, it } from 'vitest';
import { loadToolStub, toolSetFrom, toolsToJson } from '../../src/probe/stub.ts';

const EXAMPLE = {
  'wasm-bindgen': { version: '0.2.92', raw: 'wasm-bindgen 0.2.92' },
  'wasm-opt': { error: 'not-found' },
  rustc: {
    version: '1.85.0',
    raw: 'rustc 1.85.0 (4d91de4e4 2025-02-17)',
    host: 'x86_64-unknown-linux-gnu',
    channel: 'stable',
    targets: ['wasm32-unknown-unknown'],
  },
};

describe('loadToolStub', () => {
  it('loads the documented example', () => {
    const set = loadToolStub(EXAMPLE, 'tools.json');
    expect(set.all().map((r) => r.tool)).toEqual(['rustc', 'wasm-bindgen', 'wasm-opt']);
    expect(set.get('rustc')).toEqual({
      ok: true,
      tool: 'rustc',
      version: '1.85.0',
      raw: 'rustc 1.85.0 (4d91de4e4 2025-02-17)',
      path: '(stub)',
      command: 'rustc -vV',
      rustc: { channel: 'stable', host: 'x86_64-unknown-linux-gnu', installedTargets: ['wasm32-unknown-unknown'] },
    });
    expect(set.get('wasm-opt')).toEqual({ ok: false, tool: 'wasm-opt', reason: 'not-found', detail: '(stub)', command: 'wasm-opt --version' });
  });

  it('answers not-found for a tool missing from the file, without listing it', () => {
    const set = loadToolStub(EXAMPLE, 'tools.json');
    expect(set.get('trunk')).toMatchObject({ ok: false, tool: 'trunk', reason: 'not-found', command: 'trunk --version' });
    expect(set.all().some((r) => r.tool === 'trunk')).toBe(false);
  });

  it('defaults raw, accepts every failure reason and a detail', () => {
    const set = loadToolStub(
      { 'wasm-opt': { version: '116' }, trunk: { error: 'timeout', detail: 'no answer within 10000 ms' }, wasmtime: { error: 'skipped' } },
      'x.json',
    );
    expect(set.get('wasm-opt')).toMatchObject({ ok: true, version: '116', raw: 'wasm-opt 116' });
    expect(set.get('trunk')).toMatchObject({ ok: false, reason: 'timeout', detail: 'no answer within 10000 ms' });
    expect(set.get('wasmtime')).toMatchObject({ ok: false, reason: 'skipped' });
  });

  it('loads a located tool, found on PATH and not run', () => {
    expect(loadToolStub({ rustup: { located: true } }, 't.json').get('rustup')).toEqual({ ok: true, tool: 'rustup', located: true, raw: 'rustup (found on PATH, not run)', path: '(stub)', command: 'rustup' });
  });

  it('defaults the rustc channel to stable', () => {
    expect(loadToolStub({ rustc: { version: '1.85.0' } }, 't.json').get('rustc')).toMatchObject({ rustc: { channel: 'stable' } });
  });

  it.each([
    [[], 'bad.json: expected a JSON object'],
    [null, 'bad.json: expected a JSON object'],
    [{ 'wasm-bindgn': { version: '0.2.92' } }, 'bad.json: unknown tool "wasm-bindgn"'],
    [{ trunk: '0.21.14' }, 'bad.json: "trunk" must be an object'],
    [{ trunk: {} }, 'bad.json: "trunk" must have "version", "located" or "error"'],
    [{ trunk: { version: 21 } }, 'bad.json: "trunk.version" must be a string'],
    [{ trunk: { version: '0.22.0-beta.1' } }, 'bad.json: "trunk.version" must look like "1.2.3"'],
    [{ 'wasm-opt': { version: 'version_116' } }, 'bad.json: "wasm-opt.version" must look like "116"'],
    [{ trunk: { version: '0.21.14', host: 'x' } }, 'bad.json: "trunk.host" is not allowed here'],
    [{ trunk: { error: 'crashed' } }, 'bad.json: "trunk.error" must be one of'],
    [{ trunk: { error: 'timeout', version: '0.21.14' } }, 'bad.json: "trunk.version" is not allowed here'],
    [{ rustup: { located: false } }, 'bad.json: "rustup.located" must be true'],
    [{ rustup: { located: true, version: '1.28.2' } }, 'bad.json: "rustup.version" is not allowed here'],
    [{ rustc: { version: '1.85.0', channel: 'Stable' } }, 'bad.json: "rustc.channel" must be one of'],
    [{ rustc: { version: '1.85.0', targets: 'wasm32-unknown-unknown' } }, 'bad.json: "rustc.targets" must be an array'],
    [{ rustc: { version: '1.85.0', raw: null } }, 'bad.json: "rustc.raw" must be a string'],
  ])('rejects %j', (json, message) => {
    expect(() => loadToolStub(json, 'bad.json')).toThrow(message);
  });
});

describe('toolSetFrom', () => {
  it('sorts all() by tool id and answers skipped for others', () => {
    const set = toolSetFrom([
      { ok: false, tool: 'wasm-pack', reason: 'not-found', detail: 'wasm-pack is not on PATH', command: 'wasm-pack --version' },
      { ok: true, tool: 'cargo', version: '1.85.0', raw: 'cargo 1.85.0', path: '/bin/cargo', command: 'cargo --version' },
    ]);
    expect(set.all().map((r) => r.tool)).toEqual(['cargo', 'wasm-pack']);
    expect(set.get('rustc')).toEqual({ ok: false, tool: 'rustc', reason: 'skipped', detail: 'not probed', command: 'rustc -vV' });
  });
});

describe('toolsToJson', () => {
  it('writes back what loadToolStub read', () => {
    const json = toolsToJson(loadToolStub(EXAMPLE, 'tools.json').all());
    expect(json).toEqual({ ...EXAMPLE, 'wasm-opt': { error: 'not-found', detail: '(stub)' } });
    expect(loadToolStub(JSON.parse(JSON.stringify(json)), 'again.json').all()).toEqual(loadToolStub(EXAMPLE, 'tools.json').all());
  });
});
