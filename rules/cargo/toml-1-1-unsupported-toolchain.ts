import { activeToolchain, ciJobLabel, ciTargetUses, ciToolchain, code, defineRule, editFix, primary, replace, rust, secondary } from '../../src/api.ts';
import type { Finding, Fix, Label, Project, Span, Toml11Use, ToolSet, Workspace } from '../../src/api.ts';

const CONSTRUCTS: Readonly<Record<Toml11Use['construct'], string>> = {
  'inline-table-newline': 'a line break inside an inline table',
  'inline-table-comment': 'a comment inside an inline table',
  'inline-table-trailing-comma': 'a trailing comma in an inline table',
  'escape-e': 'the `\\e` escape',
  'escape-x': 'a `\\xHH` escape',
  'time-without-seconds': 'a time without seconds',
};

const TOML_10: Readonly<Record<Toml11Use['construct'], string>> = {
  'inline-table-newline': 'keep each inline table on one line (or write it as a `[table]`)',
  'inline-table-comment': 'move comments out of inline tables',
  'inline-table-trailing-comma': 'drop the comma before `}`',
  'escape-e': 'write `\\u001B` for `\\e`',
  'escape-x': 'write `\\u00HH` for `\\xHH`',
  'time-without-seconds': 'add `:00` seconds to times',
};

/** A toolchain older than 1.94 that builds the workspace, and the line that picks it. */
interface OldToolchain {
  readonly minor: number;
  readonly label: string;
  readonly at?: Span;
  /** "the rust-toolchain file", "job `web` in .github/workflows/ci.yml", "the local rustc" */
  readonly where: string;
}

function old(pin: rust.ToolchainPin, where: string, at: Span | undefined): OldToolchain | undefined {
  return pin.kind === 'versioned' && pin.minor < rust.TOML_11_SINCE ? { minor: pin.minor, label: pin.label, at, where } : undefined;
}

/**
 * The toolchains older than 1.94 that build this workspace: the active one (rust-toolchain file,
 * else the probed rustc), and each CI command's, in rustup's order (ciToolchain).
 */
function oldToolchains(project: Project, ws: Workspace, tools: ToolSet): OldToolchain[] {
  const active = activeToolchain(ws, tools);
  const found: (OldToolchain | undefined)[] = [
    old(active.pin, active.source === 'file' ? `the toolchain file ${code(ws.toolchainFile?.file.path ?? '')}` : 'the local `rustc`', active.span),
  ];
  for (const use of ciTargetUses(project, ws)) {
    const job = ciJobLabel(use.context);
    const where = `${code(use.context.file.path)}${job ? ` (${job})` : ''}`;
    const toolchain = ciToolchain(ws, tools, use);
    toolchain.pins.forEach((pin, i) => found.push(old(pin, where, toolchain.at[i])));
  }
  const seen = new Set<string>();
  return found.filter((t): t is OldToolchain => {
    if (!t) return false;
    const key = t.at ? `${t.at.file}:${t.at.start}` : t.label;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** TOML 1.0 spellings of the escapes and times; inline tables need a rewrite the rule does not guess. */
function rewrite(text: string, use: Toml11Use): string | undefined {
  const raw = text.slice(use.span.start, use.span.end);
  if (use.construct === 'escape-e') return '\\u001B';
  if (use.construct === 'escape-x') return `\\u00${raw.slice(2).toUpperCase()}`;
  if (use.construct === 'time-without-seconds') return `${raw}:00`;
  return undefined;
}

function fixFor(text: string, uses: readonly Toml11Use[]): Fix | undefined {
  const edits = uses.map((u) => ({ use: u, text: rewrite(text, u) }));
  if (edits.some((e) => e.text === undefined)) return undefined;
  return editFix('write the escapes and times the TOML 1.0 way', 'safe', edits.map((e) => replace(e.use.span, e.text as string)));
}

function finding(file: { path: string; text: string }, uses: readonly Toml11Use[], toolchains: readonly OldToolchain[]): Finding {
  // The first use of each construct is enough to show; the fix covers them all.
  const shown = uses.filter((u, i) => uses.findIndex((v) => v.construct === u.construct) === i);
  const [first, ...rest] = shown as [Toml11Use, ...Toml11Use[]];
  const oldest = toolchains.reduce((a, b) => (b.minor < a.minor ? b : a));
  const labels: Label[] = [
    primary(first.span, `${CONSTRUCTS[first.construct]} is TOML 1.1`),
    ...rest.map((u) => secondary(u.span, `${CONSTRUCTS[u.construct]}, also TOML 1.1`)),
    ...toolchains.flatMap((t) => (t.at ? [secondary(t.at, `Rust 1.${t.minor} builds this project`)] : [])),
  ];
  const error = rust.toml11Error(first.construct, oldest.minor);
  const kinds = shown.map((u) => CONSTRUCTS[u.construct]);
  const added = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}` : kinds[0];
  return {
    message: `${code(file.path)} uses TOML 1.1 syntax, which Cargo reads only from Rust 1.${rust.TOML_11_SINCE}; Rust 1.${oldest.minor} builds this project`,
    labels,
    notes: [
      `TOML 1.1 added ${added}; Cargo parses TOML 1.1 from 1.${rust.TOML_11_SINCE} (rust-lang/cargo#16415), and older Cargo refuses the file${error ? `: Cargo 1.${oldest.minor} stops with ${code(error)}` : ''}`,
      ...toolchains.map((t) => `Rust 1.${t.minor} (${code(t.label)}) comes from ${t.where}`),
    ],
    help: [
      `write it the TOML 1.0 way: ${shown.map((u) => TOML_10[u.construct]).join('; ')}`,
      `or build with Rust 1.${rust.TOML_11_SINCE} or newer`,
    ],
    fix: fixFor(file.text, uses),
  };
}

export default defineRule({
  id: 'cargo/toml-1-1-unsupported-toolchain',
  summary: 'a Cargo manifest or config uses TOML 1.1 syntax, but a toolchain older than 1.94 builds it',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: ['tool:rustc'],
  check({ project, workspace, tools, report }) {
    const files = [
      ...workspace.members.map((m) => ({ file: m.file, toml11: m.toml11 })),
      ...workspace.cargoConfigs.map((c) => ({ file: c.file, toml11: c.toml11 })),
    ].filter((f) => f.toml11.length > 0);
    if (files.length === 0) return;
    const toolchains = oldToolchains(project, workspace, tools);
    if (toolchains.length === 0) return;
    for (const f of files) report(finding(f.file, f.toml11, toolchains));
  },
});
