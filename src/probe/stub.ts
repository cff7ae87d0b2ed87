/**
 * `tools.json` ⇄ ToolSet (design.md §2.7): fixtures and `--tools-from` use the same shape that
 * `wasm-doctor tools --json` prints, so a user's bug report can become a fixture unchanged.
 */
import { isToolId, probeCommand } from './table.ts';
import type { ProbeFailure, ProbeResult, RustcInfo, ToolId, ToolSet } from './types.ts';

export type ToolStubEntry =
  | { readonly error: ProbeFailure; readonly detail?: string }
  /** found on PATH, not run (rustup) */
  | { readonly located: true }
  | {
      readonly version: string;
      /** defaults to `<tool> <version>` */
      readonly raw?: string;
      /** rustc only */
      readonly host?: string;
      readonly channel?: RustcInfo['channel'];
      readonly commitDate?: string;
      readonly sysroot?: string;
      readonly targets?: readonly string[];
    };

export type ToolStubJson = { readonly [K in ToolId]?: ToolStubEntry };

const FAILURES: readonly ProbeFailure[] = ['not-found', 'timeout', 'exit-nonzero', 'unparsable', 'not-executable', 'skipped'];
const CHANNELS: readonly RustcInfo['channel'][] = ['stable', 'beta', 'nightly', 'dev', 'unknown'];
const FAILURE_KEYS = new Set(['error', 'detail']);
const LOCATED_KEYS = new Set(['located']);
const SUCCESS_KEYS = new Set(['version', 'raw']);
const RUSTC_KEYS = new Set(['host', 'channel', 'commitDate', 'sysroot', 'targets']);
const STUB_PATH = '(stub)';

export interface MissingTool {
  readonly reason: ProbeFailure;
  readonly detail: string;
}

/** A ToolSet over `results`; `get` of any other tool answers `missing` (default: `skipped`). */
export function toolSetFrom(
  results: readonly ProbeResult[],
  missing: MissingTool = { reason: 'skipped', detail: 'not probed' },
): ToolSet {
  const byTool = new Map(results.map((result) => [result.tool, result]));
  const all = [...byTool.values()].sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
  return {
    get: (tool) => byTool.get(tool) ?? { ok: false, tool, ...missing, command: probeCommand(tool) },
    all: () => all,
  };
}

/** What stands for a located tool's output line: it was never run. */
export const locatedRaw = (tool: ToolId): string => `${tool} (found on PATH, not run)`;

/** Parse a tools stub. Throws an Error naming `source` and the offending key on bad input. */
export function loadToolStub(json: unknown, source: string): ToolSet {
  if (!isRecord(json)) throw new Error(`${source}: expected a JSON object mapping tool ids to probe results`);
  const results = Object.entries(json).map(([key, entry]) => {
    if (!isToolId(key)) throw new Error(`${source}: unknown tool "${key}"`);
    return stubResult(key, entry, (field, problem) => new Error(`${source}: "${field === '' ? key : `${key}.${field}`}" ${problem}`));
  });
  return toolSetFrom(results, { reason: 'not-found', detail: `not listed in ${source}` });
}

type Complaint = (field: string, problem: string) => Error;

function stubResult(tool: ToolId, entry: unknown, complain: Complaint): ProbeResult {
  if (!isRecord(entry)) throw complain('', 'must be an object with "version", "located" or "error"');
  const command = probeCommand(tool);
  if ('error' in entry) {
    checkKeys(entry, FAILURE_KEYS, complain);
    const reason = oneOf(entry, 'error', FAILURES, complain);
    return { ok: false, tool, reason, detail: optionalString(entry, 'detail', complain) ?? STUB_PATH, command };
  }
  if ('located' in entry) {
    checkKeys(entry, LOCATED_KEYS, complain);
    if (entry['located'] !== true) throw complain('located', 'must be true');
    return { ok: true, tool, located: true, raw: locatedRaw(tool), path: STUB_PATH, command };
  }
  checkKeys(entry, tool === 'rustc' ? new Set([...SUCCESS_KEYS, ...RUSTC_KEYS]) : SUCCESS_KEYS, complain);
  const version = optionalString(entry, 'version', complain);
  if (version === undefined) throw complain('', 'must have "version", "located" or "error"');
  const versionShape = tool === 'wasm-opt' ? /^\d+$/ : /^\d+\.\d+\.\d+$/;
  if (!versionShape.test(version)) {
    throw complain('version', `must look like ${tool === 'wasm-opt' ? '"116"' : '"1.2.3"'}, got ${JSON.stringify(version)}`);
  }
  const raw = optionalString(entry, 'raw', complain) ?? `${tool} ${version}`;
  const base = { ok: true, tool, version, raw, path: STUB_PATH, command } as const;
  return tool === 'rustc' ? { ...base, rustc: stubRustc(entry, complain) } : base;
}

function stubRustc(entry: Readonly<Record<string, unknown>>, complain: Complaint): RustcInfo {
  const targets = entry['targets'];
  if (targets !== undefined && !isStringArray(targets)) throw complain('targets', 'must be an array of target triples');
  const host = optionalString(entry, 'host', complain);
  const commitDate = optionalString(entry, 'commitDate', complain);
  const sysroot = optionalString(entry, 'sysroot', complain);
  return {
    channel: 'channel' in entry ? oneOf(entry, 'channel', CHANNELS, complain) : 'stable',
    ...(host === undefined ? {} : { host }),
    ...(commitDate === undefined ? {} : { commitDate }),
    ...(sysroot === undefined ? {} : { sysroot }),
    ...(targets === undefined ? {} : { installedTargets: [...targets].sort() }),
  };
}

/** The stub form of probe results; `loadToolStub(toolsToJson(set.all()), …)` gives back the same results, `path` aside. */
export function toolsToJson(results: readonly ProbeResult[]): ToolStubJson {
  return Object.fromEntries(toolSetFrom(results).all().map((result) => [result.tool, stubEntry(result)]));
}

function stubEntry(result: ProbeResult): ToolStubEntry {
  if (!result.ok) return { error: result.reason, detail: result.detail };
  if (result.version === undefined) return { located: true };
  const info = result.rustc;
  return {
    version: result.version,
    raw: result.raw,
    ...(info === undefined
      ? {}
      : {
          channel: info.channel,
          ...(info.host === undefined ? {} : { host: info.host }),
          ...(info.commitDate === undefined ? {} : { commitDate: info.commitDate }),
          ...(info.sysroot === undefined ? {} : { sysroot: info.sysroot }),
          ...(info.installedTargets === undefined ? {} : { targets: info.installedTargets }),
        }),
  };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function checkKeys(entry: Readonly<Record<string, unknown>>, allowed: ReadonlySet<string>, complain: Complaint): void {
  const unknown = Object.keys(entry).find((key) => !allowed.has(key));
  if (unknown !== undefined) throw complain(unknown, `is not allowed here (expected ${[...allowed].join(', ')})`);
}

function optionalString(entry: Readonly<Record<string, unknown>>, key: string, complain: Complaint): string | undefined {
  const value = entry[key];
  if (value !== undefined && typeof value !== 'string') throw complain(key, 'must be a string');
  return value;
}

function oneOf<T extends string>(entry: Readonly<Record<string, unknown>>, key: string, allowed: readonly T[], complain: Complaint): T {
  const value = entry[key];
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw complain(key, `must be one of ${allowed.join(', ')}`);
  return match;
}
