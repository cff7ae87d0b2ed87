/** Builds throwaway projects on disk for robustness tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { doctor } from '../../src/engine/run.ts';
import { FORMATS } from '../../src/format/index.ts';
import type { Report } from '../../src/engine/report.ts';
import { loadToolStub } from '../../src/probe/stub.ts';

export const MANIFEST = '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n';

/** Writes `files` (path → text or bytes) into a new temp directory. */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wd-robust-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export const NO_TOOLS = loadToolStub({}, 'none');

export const check = (dir: string): Promise<Report> => doctor({ dir, tools: NO_TOOLS });

/** Every format renders, JSON and SARIF parse. */
export function renderAll(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, format] of Object.entries(FORMATS)) out[name] = format(report, { color: true, workspace: report.root });
  JSON.parse(out['json'] ?? '');
  JSON.parse(out['sarif'] ?? '');
  return out;
}

export const rules = (r: Report): string[] => r.diagnostics.map((d) => d.ruleId);
