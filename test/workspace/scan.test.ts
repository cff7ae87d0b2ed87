/** The directory walk that finds Cargo projects: no fixed cap, build and VCS directories skipped. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadProject } from '../../src/workspace/load.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })), 60_000);

/** Memory-backed where the system has one: deleting 25,000 directories from a busy disk takes most of a minute. */
const TEMP = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

function tempRepo(): string {
  const dir = mkdtempSync(join(TEMP, 'wd-scan-'));
  made.push(dir);
  return dir;
}

const MANIFEST = '[package]\nname = "app"\nversion = "0.1.0"\n';

test('a Cargo project below 25,000 asset directories is found', { timeout: 60_000 }, async () => {
  const dir = tempRepo();
  // Breadth first, the 25,000 asset folders come before `zz/app`; a walk that stops at 20,000 never reaches it.
  for (let i = 0; i < 25_000; i++) mkdirSync(join(dir, 'assets', `a${i}`), { recursive: i === 0 });
  mkdirSync(join(dir, 'zz', 'app'), { recursive: true });
  writeFileSync(join(dir, 'zz', 'app', 'Cargo.toml'), MANIFEST);
  const { project, issues } = await loadProject(dir);
  expect(issues).toEqual([]);
  expect(project.workspaces.map((w) => w.root.packageName?.value)).toEqual(['app']);
});

test('target/, node_modules/ and .git/ are not searched', async () => {
  const dir = tempRepo();
  for (const skipped of ['target', 'node_modules', '.git']) {
    mkdirSync(join(dir, skipped, 'pkg'), { recursive: true });
    writeFileSync(join(dir, skipped, 'pkg', 'Cargo.toml'), MANIFEST.replace('app', skipped.replace('.', '')));
  }
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Cargo.toml'), MANIFEST);
  const { project } = await loadProject(dir);
  expect(project.workspaces.map((w) => w.root.packageName?.value)).toEqual(['app']);
});
