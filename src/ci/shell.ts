/**
 * Recognises the commands that install tools or name targets in a shell script: `cargo install`,
 * `cargo binstall`, `rustup target add`, `rustup toolchain install`, `--target`, `cd` and
 * `target/<triple>/` paths, over the words of syntax/shell/words.ts.
 */
import { dirname, resolve } from 'node:path';
import type { FileId, Span, Located } from '../syntax/span.ts';
import type { CiConfig, CiContext, CiTool, TargetUse, TargetUseKind, ToolPin } from './model.ts';
import { maskShellComments, type Region } from '../syntax/text.ts';
import { expand, locatedOf, spanOf, splitList, sub, tokenize, type Vars, type Word } from '../syntax/shell/words.ts';


export interface ShellScope {
  readonly file: FileId;
  /** absolute directory the script starts in */
  readonly dir: string;
  readonly dirExplicit: boolean;
  readonly vars: Vars;
  /** make and just run each recipe line in its own shell, so `cd` does not carry over */
  readonly lineShells?: boolean;
}

export type FoundPin = Omit<ToolPin, 'context'>;
export type FoundTarget = Omit<TargetUse, 'context'>;

export interface ShellFindings {
  readonly pins: FoundPin[];
  readonly targets: FoundTarget[];
  /** toolchains the script installs or selects (`rustup toolchain install`, `rustup default`) */
  readonly toolchains: Located<string>[];
}

export const emptyFindings = (): ShellFindings => ({ pins: [], targets: [], toolchains: [] });

/** Crates whose `cargo install` puts a tool wasm-doctor knows on PATH. */
export const CRATE_TOOLS: ReadonlyMap<string, CiTool> = new Map([
  ['wasm-bindgen-cli', 'wasm-bindgen'],
  ['trunk', 'trunk'],
  ['wasm-pack', 'wasm-pack'],
  ['cargo-leptos', 'cargo-leptos'],
  ['dioxus-cli', 'dioxus-cli'],
  ['wasm-opt', 'wasm-opt'],
]);

// ---------------------------------------------------------------------------------------------
// Commands

const ASSIGN = /^([A-Za-z_]\w*)=/;
const PREFIXES = new Set(['sudo', 'time', 'exec', 'nohup', 'command', 'env', 'then', 'do', 'else', '!', 'eval']);
const KEYWORDS_WITH_CONDITION = new Set(['if', 'while', 'until', 'elif']);
const baseName = (text: string): string => text.slice(text.lastIndexOf('/') + 1);

const EXACT = /^=?v?(\d+\.\d+\.\d+(?:[-+][\w.]+)?)$/;
const TRIPLE = /^(?:(?:wasm32|wasm64)-[a-z0-9_]+(?:-[a-z0-9_]+)*|(?:x86_64|i[3-6]86|aarch64|arm\w*|thumb\w*|riscv\w+|powerpc\w*|mips\w*|s390x|loongarch64|sparc\w*|nvptx\w*|avr|hexagon|m68k|csky|xtensa)-[a-z0-9_.]+(?:-[a-z0-9_.]+)+)$/;

/** A Rust target triple, as opposed to `--target web` (wasm-bindgen, wasm-pack) or a file. */
export const looksLikeTriple = (t: string): boolean => TRIPLE.test(t);

/** cargo install/binstall options that take a value (the value is not a crate name). */
const INSTALL_VALUE_FLAGS = new Set([
  '--version', '--vers', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--index', '--registry', '--features', '-F',
  '--target', '--target-dir', '--profile', '--bin', '--example', '-j', '--jobs', '--config', '-Z', '--color', '--manifest-path',
  '--pkg-url', '--pkg-fmt', '--bin-dir', '--install-path', '--roots', '--strategies', '--disable-strategies', '--rate-limit',
  '--min-tls-version', '--log-level', '--github-token', '--targets', '--maximum-resolution-timeout', '--settings',
]);

export interface Where {
  dir: string;
  dirExplicit: boolean;
}

/** Reads one script region. */
export function scanShell(region: Region, scope: ShellScope, out: ShellFindings = emptyFindings()): ShellFindings {
  const masked: Region = { ...region, text: maskShellComments(region.text) };
  const vars = new Map(scope.vars);
  const where: Where = { dir: scope.dir, dirExplicit: scope.dirExplicit };
  for (const cmd of tokenize(masked)) {
    if (scope.lineShells && cmd.newLine) Object.assign(where, { dir: scope.dir, dirExplicit: scope.dirExplicit });
    interpret(cmd.words, scope, vars, where, out);
  }
  scanTargetPaths(masked, scope.vars, { dir: scope.dir, dirExplicit: scope.dirExplicit }, out);
  return out;
}

/** One command given as words (cargo-make `command` + `args`). */
export function scanArgv(words: readonly Word[], scope: ShellScope, out: ShellFindings = emptyFindings()): ShellFindings {
  interpret(words, scope, new Map(scope.vars), { dir: scope.dir, dirExplicit: scope.dirExplicit }, out);
  return out;
}

function interpret(all: readonly Word[], scope: ShellScope, vars: Map<string, readonly Located<string>[]>, where: Where, out: ShellFindings): void {
  let words = all;
  while (words[0] && (PREFIXES.has(words[0].text) || KEYWORDS_WITH_CONDITION.has(words[0].text) || (words[0].text.startsWith('-') && words !== all))) words = words.slice(1);
  if (words[0]?.text === 'export' || words[0]?.text === 'local' || words[0]?.text === 'declare' || words[0]?.text === 'readonly') words = words.slice(1);
  let k = 0;
  while (k < words.length && ASSIGN.test((words[k] as Word).text)) k++;
  if (k === words.length) {
    for (const w of words) assign(w, scope.file, vars);
    return;
  }
  words = words.slice(k);
  while (words[0] && PREFIXES.has(words[0].text)) words = words.slice(1);
  const first = words[0];
  if (!first) return;
  const name = baseName(first.text);
  const span = commandSpan(scope.file, all);
  if (name === 'cd' || name === 'pushd') return changeDir(words.slice(1), vars, where);
  const args = words.slice(1).map((w) => expand(w, vars));
  const here = { ...where };
  if (name === 'cargo' || name === 'cargo.exe') {
    let i = 0;
    const override = args[0]?.[0]?.text.startsWith('+') ? locatedOf(scope.file, args[0][0], 1) : undefined;
    if (override) i = 1;
    const subcommand = args[i]?.[0]?.text;
    if (subcommand === 'install' || subcommand === 'binstall') return install(args.slice(i + 1), `cargo ${subcommand}`, span, scope.file, here, out);
    return targetFlags(args, scope.file, here, override, out);
  }
  if (name === 'cargo-binstall') return install(args, 'cargo binstall', span, scope.file, here, out);
  if (name === 'rustup') return rustup(args, span, scope.file, here, out);
  targetFlags(args, scope.file, here, undefined, out);
}

function commandSpan(file: FileId, words: readonly Word[]): Span {
  const start = words[0]?.offs[0] ?? 0;
  const lastWord = words[words.length - 1];
  const end = (lastWord?.offs[lastWord.offs.length - 1] ?? start) + 1;
  return { file, start, end: Math.max(start, end) };
}

function assign(w: Word, file: FileId, vars: Map<string, readonly Located<string>[]>): void {
  const m = ASSIGN.exec(w.text);
  if (!m?.[1]) return;
  const values = expand(sub(w, m[0].length), vars)
    .filter((v) => !v.dynamic)
    .map((v) => locatedOf(file, v))
    .filter((v): v is Located<string> => v !== undefined);
  if (values.length > 0) vars.set(m[1], values);
  else vars.delete(m[1]);
}

function changeDir(args: readonly Word[], vars: Vars, where: Where): void {
  const target = args.find((w) => !w.text.startsWith('-'));
  const value = target ? expand(target, vars)[0] : undefined;
  if (!value || value.dynamic || value.text === '-' || value.text.startsWith('~')) {
    where.dirExplicit = false;
    return;
  }
  where.dir = resolve(where.dir, value.text);
  where.dirExplicit = true;
}

/** `cargo install` / `cargo binstall` arguments (already expanded). */
function install(args: readonly Word[][], via: string, span: Span, file: FileId, where: Where, out: ShellFindings): void {
  let version: Word[] | undefined;
  let fromSource = false;
  let locked = false;
  const crates: Word[][] = [];
  for (let j = 0; j < args.length; j++) {
    const w = args[j] as Word[];
    const text = w[0]?.text ?? '';
    if (!text.startsWith('-')) {
      crates.push(w);
      continue;
    }
    const eq = text.indexOf('=');
    const flag = eq > 0 ? text.slice(0, eq) : text;
    let value: Word[] | undefined;
    if (eq > 0) value = w.map((v) => sub(v, eq + 1));
    else if (INSTALL_VALUE_FLAGS.has(flag)) value = args[++j];
    if (flag === '--version' || flag === '--vers') version = value;
    if (flag === '--git' || flag === '--path') fromSource = true;
    if (flag === '--locked') locked = true;
  }
  for (const c of crates) {
    const first = c[0];
    if (!first) continue;
    const at = first.text.indexOf('@');
    const tool = CRATE_TOOLS.get(at >= 0 ? first.text.slice(0, at) : first.text);
    if (!tool) continue;
    const nameSpan = first.dynamic ? undefined : spanOf(file, first, 0, at >= 0 ? at : first.text.length);
    const base = { tool, via, span, dir: where.dir, dirExplicit: where.dirExplicit, ...(nameSpan ? { name: nameSpan } : {}), ...(locked ? { locked } : {}) };
    if (fromSource) {
      out.pins.push({ ...base, pin: 'unknown' });
      continue;
    }
    const versions = at >= 0 ? c.map((v) => sub(v, at + 1)) : version;
    if (!versions) {
      const insert = nameSpan ? { versionInsert: { at: nameSpan.end, style: crates.length > 1 ? ('at' as const) : ('flag' as const) } } : {};
      out.pins.push({ ...base, pin: 'latest', ...insert });
      continue;
    }
    for (const v of versions) out.pins.push({ ...base, ...classify(file, v) });
  }
}

/** A version word as `exact`, `range` or `unknown` (an expression). */
export function classify(file: FileId, v: Word): { pin: ToolPin['pin']; version?: Located<string> } {
  if (v.dynamic) return { pin: 'unknown' };
  if (v.text === '' || v.text === 'latest' || v.text === '*') return { pin: 'latest' };
  const m = EXACT.exec(v.text);
  const lead = m?.[1] ? v.text.indexOf(m[1]) : 0;
  const version = locatedOf(file, v, lead, m?.[1] ? lead + m[1].length : v.text.length);
  if (!version) return { pin: 'unknown' };
  return { pin: m ? 'exact' : 'range', version };
}

function rustup(args: readonly Word[][], span: Span, file: FileId, where: Where, out: ShellFindings): void {
  const texts = args.map((w) => w[0]?.text ?? '');
  let i = 0;
  while (texts[i]?.startsWith('-') || texts[i]?.startsWith('+')) i++;
  const [a, b] = [texts[i], texts[i + 1]];
  const rest = args.slice(a === 'target' || a === 'toolchain' || a === 'override' ? i + 2 : i + 1);
  if (a === 'target' && (b === 'add' || b === 'install')) {
    eachPositional(rest, new Set(['--toolchain']), (w) => addTarget(w, 'rustup-target-add', file, where, undefined, out));
    return;
  }
  if ((a === 'toolchain' && (b === 'install' || b === 'add')) || a === 'install') {
    eachPositional(rest, new Set(['--profile', '-c', '--component', '--components', '-t', '--target', '--targets']), (w) => addToolchain(w, span, file, where, out));
    for (let j = 0; j < rest.length; j++) {
      const flag = rest[j]?.[0]?.text;
      if (flag === '-t' || flag === '--target' || flag === '--targets') for (const v of rest[j + 1] ?? []) for (const t of splitList(v)) addTarget([t], 'toolchain-target', file, where, undefined, out);
    }
    return;
  }
  if (a === 'default' || (a === 'override' && b === 'set')) eachPositional(rest, new Set(['--path']), (w) => addToolchain(w, span, file, where, out));
}

function eachPositional(args: readonly Word[][], valueFlags: ReadonlySet<string>, f: (w: Word[]) => void): void {
  for (let j = 0; j < args.length; j++) {
    const text = args[j]?.[0]?.text ?? '';
    if (text.startsWith('-')) {
      if (valueFlags.has(text)) j++;
      continue;
    }
    f(args[j] as Word[]);
  }
}

function addToolchain(variants: readonly Word[], span: Span, file: FileId, where: Where, out: ShellFindings): void {
  for (const v of variants) {
    const version = v.dynamic ? undefined : locatedOf(file, v);
    if (!version) continue;
    out.toolchains.push(version);
    out.pins.push({ tool: 'rust', pin: /^\d/.test(version.value) || /-\d{4}-\d\d-\d\d/.test(version.value) ? 'exact' : 'latest', version, via: 'rustup', span, dir: where.dir, dirExplicit: where.dirExplicit });
  }
}

function addTarget(variants: readonly Word[], kind: TargetUseKind, file: FileId, where: Where, toolchain: Located<string> | undefined, out: ShellFindings): void {
  for (const v of variants) {
    if (v.dynamic || !looksLikeTriple(v.text)) continue;
    const span = spanOf(file, v);
    if (span) out.targets.push({ target: v.text, span, kind, dir: where.dir, dirExplicit: where.dirExplicit, ...(toolchain ? { toolchain } : {}) });
  }
}

/** `--target X`, `--target=X` and `--manifest-path P` of a build command. */
function targetFlags(args: readonly Word[][], file: FileId, where: Where, toolchain: Located<string> | undefined, out: ShellFindings): void {
  const found: Word[][] = [];
  const place = { ...where };
  for (let j = 0; j < args.length; j++) {
    const w = args[j] as Word[];
    const text = w[0]?.text ?? '';
    if (text === '--target') found.push(args[++j] ?? []);
    else if (text.startsWith('--target=')) found.push(w.map((v) => sub(v, '--target='.length)));
    else if (text === '--manifest-path' || text.startsWith('--manifest-path=')) {
      const p = text === '--manifest-path' ? args[++j]?.[0] : sub(w[0] as Word, '--manifest-path='.length);
      if (p && !p.dynamic) Object.assign(place, { dir: dirname(resolve(where.dir, p.text)), dirExplicit: true });
    }
  }
  for (const f of found) addTarget(f, 'target-flag', file, place, toolchain, out);
}

const PATH = /(?<![\w.$-])target\/([a-z0-9_]+(?:-[a-z0-9_.]+)+|\$\{\{\s*matrix\.[\w.-]+\s*\}\})(?=[/\s"'`)\]]|$)/g;

/** `target/<triple>/` output paths (cargo writes there; they name the target too). */
export function scanTargetPaths(r: Region, vars: Vars, where: Where, out: ShellFindings): void {
  for (const m of r.text.matchAll(PATH)) {
    const at = (m.index ?? 0) + 'target/'.length;
    const raw = m[1] as string;
    const word: Word = { text: raw, offs: [...raw].map((_, i) => r.base + at + i), dynamic: false };
    addTarget(expand(word, vars), 'output-path', r.file, where, undefined, out);
  }
}

/** Findings of one job, stage or recipe with their context attached. */
export function attach(f: ShellFindings, context: CiContext): CiConfig {
  return { pins: f.pins.map((p) => ({ ...p, context })), targets: f.targets.map((t) => ({ ...t, context })) };
}

export const mergeCi = (all: readonly CiConfig[]): CiConfig => ({ pins: all.flatMap((c) => c.pins), targets: all.flatMap((c) => c.targets) });
