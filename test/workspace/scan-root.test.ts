/**
 * The findings do not depend on where the scan starts: a folder that holds the repository finds
 * what the repository root finds, and CI files stay with the git repository that holds the project.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { doctor } from '../../src/engine/run.ts';
import type { Report } from '../../src/engine/report.ts';
import { loadToolStub } from '../../src/probe/stub.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'wasm-bindgen', 'cli-version-mismatch', 'fail-monorepo-working-directory');
const NO_TOOLS = loadToolStub({}, 'none');

/** Each finding with its labels as absolute file and offsets, so reports from different roots compare. */
const findings = (r: Report): string[] =>
  r.diagnostics
    .map((d) => `${d.ruleId} ${d.message} ${d.labels.map((l) => `${r.sources.get(l.span.file).absPath}:${l.span.start}-${l.span.end}`).join(' ')}`)
    .sort();

/** `parent/repo` (a git checkout holding the fixture) and `parent/other` (another checkout, another project). */
function layout(): { parent: string; repo: string; other: string } {
  const parent = mkdtempSync(join(tmpdir(), 'wd-scan-root-'));
  const repo = join(parent, 'repo');
  cpSync(FIXTURE, repo, { recursive: true });
  mkdirSync(join(repo, '.git'));
  const other = join(parent, 'other');
  mkdirSync(join(other, '.git'), { recursive: true });
  cpSync(join(FIXTURE, 'frontend'), other, { recursive: true });
  writeFileSync(join(other, 'Cargo.toml'), '[package]\nname = "other"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nwasm-bindgen = "=0.2.92"\n');
  writeFileSync(join(other, 'Cargo.lock'), 'version = 4\n\n[[package]]\nname = "other"\nversion = "0.1.0"\ndependencies = [\n "wasm-bindgen",\n]\n\n[[package]]\nname = "wasm-bindgen"\nversion = "0.2.92"\n');
  return { parent, repo, other };
}

describe('scan root', () => {
  test('a parent folder finds what the repository root finds', async () => {
    const { parent, repo, other } = layout();
    const fromRepo = findings(await doctor({ dir: repo, tools: NO_TOOLS }));
    const fromOther = findings(await doctor({ dir: other, tools: NO_TOOLS }));
    const fromParent = findings(await doctor({ dir: parent, tools: NO_TOOLS }));
    expect(fromRepo.some((f) => f.startsWith('wasm-bindgen/cli-version-mismatch') && f.includes('ci.yml'))).toBe(true);
    expect(fromParent).toEqual([...fromRepo, ...fromOther].sort());
  });
});
