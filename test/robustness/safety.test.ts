/** Project text never acts on a terminal or a runner; nothing is written without --fix; crashes are contained. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { check as runCheck } from '../../src/commands/check.ts';
import { defineRule } from '../../src/rule.ts';
import { allRules } from '../../src/engine/registry.ts';
import { doctor } from '../../src/engine/run.ts';
import { treeHash } from '../helpers/cli.ts';
import { check, MANIFEST, NO_TOOLS, project, renderAll } from './helpers.ts';

const HOSTILE = 'x\u001b]0;pwned\u0007\u001b[2J\r\n::error file=evil::forged\n##[add-mask]secret %0A \u202e';

/** A project whose diagnostics quote project text: egui versions and a wasm32-wasi target in a hostile file name and comment. */
function hostileProject(): string {
  return project({
    'Cargo.toml': `[package]\nname = "${HOSTILE.replace(/[\u0000-\u001f"\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"\nversion = "0.1.0"\n\n[dependencies]\negui = "0.27"\neframe = "0.28" # ${HOSTILE.replace(/[\r\n]/g, ' ')}\n`,
    '.cargo/config.toml': '[build]\ntarget = "wasm32-wasi"\n',
    'evil,dir:%0A/Cargo.toml': '[package\n',
  });
}

describe('terminal and runner safety', () => {
  test('text output contains no control characters from the project', async () => {
    const text = renderAll(await check(hostileProject()))['text'] ?? '';
    const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  });

  test('github output: every line is an escaped command or the summary; nothing forms a command', async () => {
    const gh = renderAll(await check(hostileProject()))['github'] ?? '';
    for (const line of gh.split('\n').filter(Boolean)) {
      expect(line.startsWith('::error ') || line.startsWith('::warning ') || line.startsWith('::notice ') || line.startsWith('wasm-doctor: '), line).toBe(true);
      expect(line).not.toContain('##[');
      expect(line).not.toMatch(/[\r\u001b]/);
      const command = /^::(\w+)/.exec(line)?.[1];
      if (command) expect(['error', 'warning', 'notice']).toContain(command);
    }
  });

  test('json output is one valid document', async () => {
    const json = renderAll(await check(hostileProject()))['json'] ?? '';
    expect(() => JSON.parse(json)).not.toThrow();
    expect(json.trim().split('\n').length).toBeGreaterThan(1);
  });
});

describe('filesystem safety', () => {
  test('checking writes nothing, whatever the format', async () => {
    const dir = hostileProject();
    const before = treeHash(dir);
    for (const format of ['text', 'json', 'github', 'sarif'] as const) {
      await runCheck({ dir, tools: NO_TOOLS, format, color: false, fix: false, fixDryRun: format === 'json', unsafeFixes: false, maxWarnings: -1, quiet: false });
    }
    expect(treeHash(dir)).toBe(before);
  });

  test('--fix follows no symbolic link out of the project and leaves no temp file', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'wd-outside-'));
    writeFileSync(join(outside, 'config.toml'), '[build]\ntarget = "wasm32-wasi"\n');
    const dir = project({ 'Cargo.toml': MANIFEST });
    writeFileSync(join(dir, 'rust-toolchain.toml'), '[toolchain]\nchannel = "stable"\ntargets = ["wasm32-wasi"]\n');
    // the Cargo config itself is a link to a file outside the project
    const cargoDir = join(dir, '.cargo');
    mkdirSync(cargoDir);
    symlinkSync(join(outside, 'config.toml'), join(cargoDir, 'config.toml'));
    const before = readFileSync(join(outside, 'config.toml'), 'utf8');
    const r = await runCheck({ dir, tools: NO_TOOLS, format: 'text', color: false, fix: true, fixDryRun: false, unsafeFixes: false, maxWarnings: -1, quiet: false });
    expect(readFileSync(join(outside, 'config.toml'), 'utf8')).toBe(before);
    expect(r.stderr).toContain('`.cargo/config.toml` was not fixed: it is a symbolic link');
    expect(readFileSync(join(dir, 'rust-toolchain.toml'), 'utf8')).toContain('"wasm32-wasip1"');
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
    expect(readdirSync(cargoDir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});

describe('rule crash isolation', () => {
  const crashing = defineRule({
    id: 'test/crashes',
    summary: 'a rule that throws',
    defaultSeverity: 'error',
    fix: 'none',
    needs: [],
    check() {
      throw new Error('boom');
    },
  });

  test('a throwing rule becomes core/rule-crashed; the others still report; nothing is written', async () => {
    const dir = project({ 'Cargo.toml': `${MANIFEST}\n[dependencies]\negui = "0.27"\neframe = "0.28"\n` });
    const before = treeHash(dir);
    const r = await doctor({ dir, tools: NO_TOOLS, rules: [...allRules(), crashing] });
    expect(r.crashed).toBe(true);
    const ids = r.diagnostics.map((d) => d.ruleId);
    expect(ids).toContain('core/rule-crashed');
    expect(ids).toContain('egui/version-mismatch');
    expect(r.diagnostics.find((d) => d.ruleId === 'core/rule-crashed')?.message).toBe('rule `test/crashes` crashed: boom');
    renderAll(r);
    expect(treeHash(dir)).toBe(before);
    expect(existsSync(join(dir, 'Cargo.lock'))).toBe(false);
  });
});
