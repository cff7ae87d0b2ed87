import { activeToolchain, code, commandFix, defineRule, primary, rust, secondary, shellJoin, targetMentions, wasmBuilds } from '../../src/api.ts';
import type { Finding, Label, ProbeResult, Span, ToolSet, Workspace } from '../../src/api.ts';

type Rustc = Extract<ProbeResult, { ok: true }>;

const BUILDERS = {
  trunk: 'Trunk builds for',
  'wasm-pack': 'wasm-pack builds for',
  'cargo-config': 'Cargo builds for',
  'cargo-leptos': 'cargo-leptos builds for',
} as const;

interface Need {
  readonly target: string;
  readonly span: Span;
  readonly label: string;
  /** the entry in rust-toolchain `targets`, when it lists the target */
  readonly listed?: Span;
}

/** Wasm targets the workspace is built for, first evidence each: builders, Cargo config, rust-toolchain `targets`. */
function neededTargets(ws: Workspace): Need[] {
  const mentions = targetMentions(ws);
  const listed = new Map(mentions.filter((m) => m.kind === 'toolchain-targets').map((m) => [m.target, m.span]));
  const out = new Map<string, Need>();
  const add = (target: string, span: Span, label: string) => {
    if (target.startsWith('wasm') && !out.has(target)) out.set(target, { target, span, label, listed: listed.get(target) });
  };
  // A cdylib with wasm-bindgen only suggests a web build; it is not evidence enough here. napi
  // `targets` are usually cross-built in CI, not on this machine.
  for (const b of wasmBuilds(ws)) if (b.builder !== 'cdylib' && b.builder !== 'napi' && b.builder !== 'command') add(b.target, b.evidence, `${BUILDERS[b.builder]} \`${b.target}\``);
  for (const m of mentions) if (m.kind !== 'cargo-target-table') add(m.target, m.span, m.kind === 'toolchain-targets' ? 'listed here' : 'Cargo builds for this target');
  return [...out.values()];
}

/** Workspaces with the same rust-toolchain channel (or none) are built by the same toolchain. */
const toolchainKey = (ws: Workspace): string => ws.toolchainFile?.channel?.value ?? '';

/** `<rustup home>/toolchains/<name>`: the rustup toolchain that owns this sysroot. */
const rustupToolchainOf = (sysroot: string): string | undefined => /[\\/]toolchains[\\/]([^\\/]+)[\\/]?$/.exec(sysroot)?.[1];

interface Toolchain {
  readonly rustc: Rustc;
  readonly sysroot: string;
  readonly installed: readonly string[];
  /** the rust-toolchain file's `channel`, when it pins one */
  readonly channel?: string;
  readonly channelSpan?: Span;
}

function finding(need: Need, tc: Toolchain, tools: ToolSet): Finding {
  const owner = rustupToolchainOf(tc.sysroot);
  const rustup = tools.get('rustup').ok;
  const labels: Label[] = [primary(need.span, need.label)];
  if (need.listed && need.listed !== need.span) labels.push(secondary(need.listed, 'rust-toolchain lists it'));
  if (tc.channelSpan) labels.push(secondary(tc.channelSpan, 'toolchain selected here'));
  const notes = [
    `\`rustc --print sysroot\` is \`${tc.sysroot}\`; its std targets: ${tc.installed.length > 0 ? tc.installed.map((t) => `\`${t}\``).join(', ') : 'none'}`,
    `cargo stops with "error[E0463]: can't find crate for \`core\`" and "the \`${need.target}\` target may not be installed"`,
  ];
  if (owner === undefined || !rustup) {
    notes.push(
      rustup
        ? `the \`rustc\` first on PATH (\`${tc.rustc.path}\`) is not a rustup toolchain, so \`rustup target add\` does not change it${tc.channel ? ', and the rust-toolchain file does not apply to it' : ''}`
        : `this rustc is not managed by rustup (no \`rustup\` on PATH), so \`rustup target add\` is not available${tc.channel ? ' and the rust-toolchain file does not apply' : ''}`,
    );
    return {
      message: `target ${code(need.target)} is not installed for this rustc`,
      labels,
      notes,
      help: [`install the standard library for \`${need.target}\` with the tool that installed this rustc, or put a rustup toolchain first on PATH`],
    };
  }
  const name = tc.channel ?? owner;
  if (tc.channel) notes.push(`the rust-toolchain file selects \`${name}\` here; a target added to another toolchain (the default one, or \`+nightly\`) does not count`);
  if (need.listed) notes.push('rustup adds the `targets` of a rust-toolchain file only when it installs the toolchain from that file; a toolchain installed another way lacks them (rust-lang/rustup#4212)');
  const add = ['rustup', 'target', 'add', need.target, '--toolchain', name];
  return {
    message: `target ${code(need.target)} is not installed for toolchain ${code(name)}`,
    labels,
    notes,
    help: [
      `install it: \`${shellJoin(add)}\``,
      ...(tc.channel && !need.listed ? [`or add it to the rust-toolchain file: \`targets = ["${need.target}"]\``] : []),
    ],
    fix: commandFix(`install the \`${need.target}\` target`, add),
  };
}

export default defineRule({
  id: 'toolchain/target-missing',
  summary: 'a wasm target the project builds for has no standard library in the active toolchain',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: ['tool:rustc', 'tool:rustup'],
  check({ project, workspace, tools, report }) {
    const active = activeToolchain(workspace, tools);
    const rustc = active.rustc;
    const sysroot = rustc.ok ? rustc.rustc?.sysroot : undefined;
    const installed = rustc.ok ? rustc.rustc?.installedTargets : undefined;
    if (!rustc.ok || sysroot === undefined || installed === undefined) return;
    const channel = workspace.toolchainFile?.channel;
    const tc: Toolchain = { rustc, sysroot, installed, channel: channel?.value, channelSpan: channel?.span };
    // Projects of one repository on the same toolchain share its targets: one finding per target, in the first of them.
    const sameToolchain = project.workspaces.filter((w) => toolchainKey(w) === toolchainKey(workspace)).map((w) => ({ w, targets: neededTargets(w).map((n) => n.target) }));
    for (const need of neededTargets(workspace)) {
      if (installed.includes(need.target) || rust.rustupShips(active.pin, need.target) !== true) continue;
      const needing = sameToolchain.filter(({ w, targets }) => w === workspace || targets.includes(need.target)).map(({ w }) => w);
      if (needing[0] !== workspace) continue;
      const f = finding(need, tc, tools);
      const others = needing.slice(1).map((w) => code(w.root.file.path));
      report(others.length === 0 ? f : { ...f, notes: [...(f.notes ?? []), `${others.length} more project${others.length === 1 ? '' : 's'} here build${others.length === 1 ? 's' : ''} for it with the same toolchain: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}`] });
    }
  },
});
