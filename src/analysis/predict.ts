/**
 * Which wasm-bindgen each build path runs (`--explain-builds`), from the model alone:
 * Trunk uses `[tools] wasm_bindgen`, else the Cargo.lock version (downloaded unless that exact
 * version is on PATH); wasm-pack and cargo-leptos ≥ 0.3.1 fetch the Cargo.lock version; a CI job,
 * Dockerfile stage or script runs what it installs (with no version: the newest release), and a
 * cargo-leptos or dx release what it brings (kb/builders.ts); direct
 * `wasm-bindgen` calls run whatever is on PATH (facts.md §2.1, §6, §7).
 */
import type { Span } from '../diagnostic/types.ts';
import { compareBindgen } from '../kb/wasm-bindgen.ts';
import type { ToolSet } from '../probe/types.ts';
import { trunkRustLinks, wasmBuilds } from './builds.ts';
import type { Project, ToolPin, Workspace } from '../workspace/model.ts';
import { lockedPackages, trunkConfigFor } from './workspace-queries.ts';
import { builderBindgens, ciJobLabel, ciPins } from './ci-queries.ts';

export type BuildVerdict = 'matches' | 'same-schema' | 'different-schema' | 'unknown' | 'newest' | 'no-lockfile';

export interface BuildPrediction {
  /** the workspace directory (absolute) */
  readonly workspace: string;
  readonly builder: string;
  /** where the build path is configured */
  readonly where?: Span;
  /** where its wasm-bindgen version comes from */
  readonly source: string;
  /** the version that runs; undefined when it is whatever is newest at install time */
  readonly version?: string;
  readonly locked?: string;
  readonly verdict: BuildVerdict;
}

function verdictOf(version: string | undefined, locked: string | undefined): BuildVerdict {
  if (!locked) return 'no-lockfile';
  if (version === undefined) return 'newest';
  const v = compareBindgen(version, locked);
  return v === 'same-version' ? 'matches' : v;
}

export function predictBuilds(project: Project, tools: (ws: Workspace) => ToolSet): BuildPrediction[] {
  return project.workspaces.flatMap((ws) => predictWorkspace(project, ws, tools(ws)));
}

function predictWorkspace(project: Project, ws: Workspace, tools: ToolSet): BuildPrediction[] {
  const locks = [...new Set(lockedPackages(ws, 'wasm-bindgen').map((p) => p.version.value))];
  const locked = locks.length === 1 ? locks[0] : undefined;
  const out: BuildPrediction[] = [];
  const row = (r: Omit<BuildPrediction, 'workspace' | 'locked' | 'verdict'>) => out.push({ ...r, workspace: ws.dir, ...(locked ? { locked } : {}), verdict: verdictOf(r.version, locked) });
  for (const link of trunkRustLinks(ws)) {
    const pin = trunkConfigFor(ws, link.page)?.wasmBindgen;
    if (pin) row({ builder: 'trunk', where: pin.span, source: 'Trunk.toml `[tools] wasm_bindgen`', version: pin.value });
    else if (locked) row({ builder: 'trunk', where: link.span, source: 'Cargo.lock (downloaded unless the same version is on PATH)', version: locked });
  }
  const seen = new Set<string>();
  for (const b of wasmBuilds(ws)) {
    if ((b.builder !== 'wasm-pack' && b.builder !== 'cargo-leptos') || seen.has(`${b.builder}:${b.manifest.dir}`)) continue;
    seen.add(`${b.builder}:${b.manifest.dir}`);
    const how = b.builder === 'wasm-pack' ? 'downloaded unless the same version is installed' : 'fetched by cargo-leptos 0.3.1 or later';
    if (locked) row({ builder: b.builder, where: b.evidence, source: `Cargo.lock (${how})`, version: locked });
  }
  for (const pin of ciPins(project, ws, 'wasm-bindgen')) row(fromPin(pin));
  for (const b of builderBindgens(project, ws)) row({ ...fromPin(b.pin), where: b.release.span, source: `${b.tool} ${b.release.value} (${BUNDLED_HOW[b.bundled.how]})`, version: b.bundled.version });
  const cli = tools.get('wasm-bindgen');
  // Scripts and `wasm-bindgen-test-runner` call the CLI on PATH directly.
  if (cli.ok && locked) row({ builder: 'PATH', source: `\`${cli.command}\``, version: cli.version });
  return out;
}

const BUNDLED_HOW = { exact: 'links an `=` pinned wasm-bindgen', locked: 'links the wasm-bindgen of its Cargo.lock, `--locked`', default: 'downloads its default' } as const;

function fromPin(pin: ToolPin): Omit<BuildPrediction, 'workspace' | 'locked' | 'verdict'> {
  const what = ciJobLabel(pin.context);
  const builder = `${pin.context.source}${what ? ` ${what}` : ''}`;
  const where = pin.version?.span ?? pin.span;
  if (pin.pin === 'exact' && pin.version) return { builder, where, source: pin.via, version: pin.version.value };
  if (pin.pin === 'latest') return { builder, where, source: `${pin.via} with no version (the newest release)` };
  return { builder, where, source: `${pin.via} (${pin.version ? `requirement \`${pin.version.value}\`` : 'a version wasm-doctor cannot read'})`, version: pin.version?.value ?? '?' };
}
