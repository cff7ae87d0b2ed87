/** Which feature resolver Cargo uses for a workspace (Cargo reference, "Resolver versions"). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolverOf } from '../../src/analysis/features.ts';
import { loadProject } from '../../src/workspace/load.ts';

const pkg = (extra: string) => `[package]\nname = "app"\nversion = "0.1.0"\n${extra}`;

async function resolver(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'wd-resolver-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const { project } = await loadProject(dir);
  const ws = project.workspaces[0];
  if (!ws) throw new Error('no workspace');
  return resolverOf(ws);
}

describe('resolver version', () => {
  test.each([
    ['no edition (2015)', { 'Cargo.toml': pkg('') }, '1'],
    ['edition 2018', { 'Cargo.toml': pkg('edition = "2018"\n') }, '1'],
    ['edition 2021', { 'Cargo.toml': pkg('edition = "2021"\n') }, '2'],
    ['edition 2024', { 'Cargo.toml': pkg('edition = "2024"\n') }, '3'],
    ['edition 2018 with resolver 2', { 'Cargo.toml': pkg('edition = "2018"\nresolver = "2"\n') }, '2'],
    ['edition 2021 with resolver 1', { 'Cargo.toml': pkg('edition = "2021"\nresolver = "1"\n') }, '1'],
    ['edition inherited from [workspace.package]', { 'Cargo.toml': `${pkg('edition.workspace = true\n')}\n[workspace]\n\n[workspace.package]\nedition = "2021"\n` }, '2'],
    ['a virtual workspace without resolver, members on 2021', { 'Cargo.toml': '[workspace]\nmembers = ["app"]\n', 'app/Cargo.toml': pkg('edition = "2021"\n') }, '1'],
    ['a virtual workspace with resolver 3', { 'Cargo.toml': '[workspace]\nmembers = ["app"]\nresolver = "3"\n', 'app/Cargo.toml': pkg('edition = "2021"\n') }, '3'],
    ['a member\'s own resolver is ignored', { 'Cargo.toml': '[workspace]\nmembers = ["app"]\n', 'app/Cargo.toml': pkg('edition = "2021"\nresolver = "2"\n') }, '1'],
  ])('%s', async (_name, files, version) => {
    expect((await resolver(files)).version).toBe(version);
  });
});
