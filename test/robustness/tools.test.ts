/** Tools that hang, babble, fail or are not what they claim: the check still finishes with a report. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { FIXTURES } from '../helpers/scenarios.ts';

const APP = join(FIXTURES, '_e2e', 'trunk-yew-app');

function stubs(scripts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wd-badtools-'));
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

test('hanging, garbage, failing and non-executable tools become probe results', () => {
  const dir = stubs({
    'wasm-bindgen': 'exec /bin/sleep 30',
    trunk: 'exec /usr/bin/head -c 3000000 /dev/urandom',
    'wasm-pack': 'echo "error: something broke" >&2; exit 3',
    rustc: 'echo "error: toolchain \'1.99-x86_64-unknown-linux-gnu\' is not installed" >&2; exit 1',
  });
  writeFileSync(join(dir, 'wasm-opt'), 'not a program');
  chmodSync(join(dir, 'wasm-opt'), 0o644);
  const started = Date.now();
  const r = cli(['check', APP, '--format', 'json', '--timeout', '1'], { env: { PATH: `${dir}:/usr/bin:/bin` } });
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  const doc = JSON.parse(r.stdout);
  expect(doc.toolchain['wasm-bindgen']).toMatchObject({ error: 'timeout' });
  expect(doc.toolchain.rustc).toMatchObject({ error: 'exit-nonzero' });
  for (const tool of ['trunk', 'wasm-pack', 'wasm-opt']) if (doc.toolchain[tool]) expect(doc.toolchain[tool].error, tool).toBeDefined();
  expect([0, 1]).toContain(r.status);
});
