/**
 * Recognises the commands that install tools or name targets in a shell script: `cargo install`,
 * `cargo binstall`, `rustup target add`, `rustup toolchain install`, `--target`, `cd` and
 * `target/<triple>/` paths, over the words of syntax/shell/words.ts.
 */
import { dirname, resolve } from 'node:path';
import type { FileId, Span, Located } from '../syntax/span.ts';
import type { BuildCommand, BuildTool, CiConfig, CiContext, CiTool, DirOverride, ScriptCall, TargetUse, TargetUseKind, ToolPin } from './model.ts';
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
export type FoundBuild = Omit<BuildCommand, 'context'>;
export type FoundCall = Omit<ScriptCall, 'context'>;

export interface ShellFindings {
  readonly pins: FoundPin[];
  readonly targets: FoundTarget[];
  readonly builds: FoundBuild[];
  readonly calls: FoundCall[];
  /** toolchains the script installs or selects as default (`rustup toolchain install`, `rustup default`) */
  readonly toolchains: Located<string>[];
  /** directory overrides (`rustup override set`) */
  readonly overrides: DirOverride[];
}

export const emptyFindings = (): ShellFindings => ({ pins: [], targets: [], builds: [], calls: [], toolchains: [], overrides: [] });

/** How many target uses, builds and calls have been found so far: where `withRustupToolchain` starts. */
export const mark = (found: ShellFindings): readonly [number, number, number] => [found.targets.length, found.builds.length, found.calls.length];

/**
 * The target uses, builds and calls found since `from` run with `RUSTUP_TOOLCHAIN` set to `toolchain`
 * (a workflow step's `env:`, a Dockerfile `ENV`); one the command sets itself is kept.
 */
export function withRustupToolchain(found: ShellFindings, from: readonly [number, number, number], toolchain: Located<string> | undefined): void {
  if (!toolchain) return;
  const set = <T extends { readonly rustupToolchain?: Located<string> }>(list: T[], start: number) => {
    for (let i = start; i < list.length; i++) list[i] = { rustupToolchain: toolchain, ...(list[i] as T) };
  };
  set(found.targets, from[0]);
  set(found.builds, from[1]);
  set(found.calls, from[2]);
}

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
/** Package runners that run a package's binary (`npx napi build`, `yarn wasm-pack build`). */
const RUNNERS = new Set(['npx', 'pnpx', 'yarn', 'bunx']);
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
  const env = new Map(vars);
  for (const w of words.slice(0, k)) assign(w, scope.file, env);
  words = words.slice(k);
  while (words[0] && PREFIXES.has(words[0].text)) words = words.slice(1);
  if (words[0] && RUNNERS.has(words[0].text) && words[1]) words = words.slice(1);
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
    if (subcommand === 'make') return call('cargo-make', args.slice(i + 1), span, here, out);
    const found = targetFlags(args, scope.file, here, override, out);
    const tool = subcommand && CARGO_BUILDS.get(subcommand);
    if (tool) buildCommand(tool, args.slice(i), span, withEnvTarget(found, env), override, out);
    return;
  }
  if (name === 'cargo-binstall') return install(args, 'cargo binstall', span, scope.file, here, out);
  if (name === 'rustup') return rustup(args, span, scope.file, here, out);
  if (name === 'make' || name === 'gmake') return call('make', args, span, here, out);
  if (name === 'just') return call('just', args, span, here, out);
  if ((name === 'npm' || name === 'pnpm') && (args[0]?.[0]?.text === 'run' || args[0]?.[0]?.text === 'run-script')) return call('npm', args.slice(1), span, here, out);
  const script = scriptPath(name === 'bash' || name === 'sh' ? args[0]?.[0] : first);
  if (script) out.calls.push({ kind: 'script', name: resolve(here.dir, script), span, ...here });
  if ((name === 'curl' || name === 'wget') && args.some((w) => w.some((v) => WASM_PACK_INSTALLER.test(v.text)))) {
    out.pins.push({ tool: 'wasm-pack', pin: 'latest', via: 'the wasm-pack installer script', span, ...here });
    return;
  }
  const archive = name === 'curl' || name === 'wget' ? trunkArchive(args, scope.file) : undefined;
  if (archive) {
    out.pins.push({ tool: 'trunk', ...archive, via: 'the trunk release archive', span, ...here });
    return;
  }
  if (name === 'npm' && (args[0]?.[0]?.text === 'install' || args[0]?.[0]?.text === 'i') && args.some((w) => w[0]?.text === '-g' || w[0]?.text === '--global')) return npmGlobal(args.slice(1), span, scope.file, here, out);
  const found = targetFlags(args, scope.file, here, undefined, out);
  const tool = BUILDERS.get(name);
  if (tool) buildCommand(tool, args, span, tool === 'napi' ? withEnvTarget(found, env) : found, undefined, out);
}

/** Without `--target`, cargo (and napi, which passes it on) builds for `CARGO_BUILD_TARGET` when the environment sets it. */
function withEnvTarget(found: { place: Where; targets: string[] }, env: Vars): { place: Where; targets: string[] } {
  if (found.targets.length > 0) return found;
  const targets = (env.get('CARGO_BUILD_TARGET') ?? []).map((t) => t.value).filter(looksLikeTriple);
  return { ...found, targets };
}

/** Options of make, just and cargo make that take a value; `-C`/`--directory` and `-d`/`--working-directory` move the call. */
const CALL_VALUE_FLAGS = new Set(['-C', '--directory', '-f', '--file', '--makefile', '--justfile', '-d', '--working-directory', '-e', '--env', '-p', '--profile', '-j', '--jobs', '-l', '--loglevel']);
const CALL_DIR_FLAGS = new Set(['-C', '--directory', '-d', '--working-directory']);
/** A different recipe file than the one in the directory: the call cannot be followed. */
const CALL_FILE_FLAGS = new Set(['-f', '--file', '--makefile', '--justfile']);

/** `make [-C dir] target`, `just recipe`, `cargo make task`, `npm run script`: the first target only. */
function call(kind: ScriptCall['kind'], args: readonly Word[][], span: Span, where: Where, out: ShellFindings): void {
  const place = { ...where };
  for (let j = 0; j < args.length; j++) {
    const w = args[j]?.[0];
    if (!w || w.dynamic) return;
    const eq = w.text.indexOf('=');
    const flag = w.text.startsWith('-') && eq > 0 ? w.text.slice(0, eq) : w.text;
    if (CALL_FILE_FLAGS.has(flag)) return;
    if (CALL_VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && w.text.startsWith('-') ? w.text.slice(eq + 1) : args[++j]?.[0]?.text;
      if (value === undefined) return;
      if (CALL_DIR_FLAGS.has(flag) && kind !== 'cargo-make') Object.assign(place, { dir: resolve(place.dir, value), dirExplicit: true });
      continue;
    }
    if (w.text.startsWith('-') || (kind !== 'npm' && eq > 0)) continue;
    out.calls.push({ kind, name: w.text, span, ...place });
    return;
  }
}

/** `./build.sh`, `scripts/build.sh`, `bash build.sh`: a relative path to a shell script. */
function scriptPath(w: Word | undefined): string | undefined {
  if (!w || w.dynamic || w.text.startsWith('/') || w.text.startsWith('-')) return undefined;
  return /\.(?:sh|bash)$/.test(w.text) ? w.text : undefined;
}

/** rustwasm.github.io/wasm-pack/installer/init.sh: installs the newest wasm-pack release. */
const WASM_PACK_INSTALLER = /wasm-pack\/installer\/init\.sh/;
/** An archive of trunk's GitHub releases (trunk-rs/trunk, formerly thedodd/trunk): `…/trunk/releases/download/v0.21.13/trunk-<triple>.tar.gz`, `…/releases/latest/download/…`. */
const TRUNK_ARCHIVE = /github\.com\/(?:trunk-rs|thedodd)\/trunk\/releases\/(?:download\/(v?\d+\.\d+\.\d+)|(latest)\/download)\/trunk-/;

/** The trunk release a `curl`/`wget` of a trunk release archive fetches; undefined for other downloads. */
function trunkArchive(args: readonly Word[][], file: FileId): { pin: ToolPin['pin']; version?: Located<string> } | undefined {
  for (const v of args.flat()) {
    const m = TRUNK_ARCHIVE.exec(v.text);
    if (!m) continue;
    if (m[2]) return { pin: 'latest' };
    const at = m.index + m[0].indexOf(`/${m[1]}/`) + 1;
    return classify(file, sub(v, at, at + (m[1] as string).length));
  }
  return undefined;
}

/** `npm install -g wasm-pack[@version]`: the npm package downloads that wasm-pack release. */
function npmGlobal(args: readonly Word[][], span: Span, file: FileId, where: Where, out: ShellFindings): void {
  for (const w of args) {
    const first = w[0];
    if (!first || first.dynamic || !/^wasm-pack(?:@|$)/.test(first.text)) continue;
    const base = { tool: 'wasm-pack' as const, via: 'npm install -g', span, ...where };
    out.pins.push(first.text === 'wasm-pack' ? { ...base, pin: 'latest' } : { ...base, ...classify(file, sub(first, 'wasm-pack@'.length)) });
  }
}

/** cargo subcommands that compile: plain cargo, and cargo plugins that build for wasm. */
const CARGO_BUILDS: ReadonlyMap<string, BuildTool> = new Map([
  ['build', 'cargo'],
  ['rustc', 'cargo'],
  ['leptos', 'cargo-leptos'],
  ['component', 'cargo-component'],
]);
/** Builders run as their own binary, with the subcommands that compile. */
const BUILDERS: ReadonlyMap<string, BuildTool> = new Map([
  ['wasm-pack', 'wasm-pack'],
  ['trunk', 'trunk'],
  ['napi', 'napi'],
  ['cargo-leptos', 'cargo-leptos'],
]);
const BUILD_SUBCOMMANDS: Record<BuildTool, ReadonlySet<string>> = {
  cargo: new Set(['build', 'rustc']),
  'wasm-pack': new Set(['build', 'test']),
  trunk: new Set(['build', 'serve']),
  'cargo-leptos': new Set(['build', 'serve', 'watch', 'test', 'end-to-end']),
  'cargo-component': new Set(['build']),
  napi: new Set(['build']),
};
/** wasm-pack and trunk compile for this target whatever their flags say (`--target web` is a JS flavour). */
const FIXED_TARGET: Partial<Record<BuildTool, string>> = { 'wasm-pack': 'wasm32-unknown-unknown', trunk: 'wasm32-unknown-unknown' };

/** wasm-pack options that take a value (`wasm-pack build --help`, src/command/build.rs `BuildOptions`). */
const WASM_PACK_VALUE_OPTIONS = new Set(['-s', '--scope', '-m', '--mode', '-t', '--target', '--profile', '-d', '--out-dir', '--out-name']);

/** A build command; `found` is where it runs and the `--target` values it passes. */
function buildCommand(tool: BuildTool, args: readonly Word[][], span: Span, found: { place: Where; targets: string[] }, toolchain: Located<string> | undefined, out: ShellFindings): void {
  const texts = args.map((w) => (w.length === 1 && !w[0]?.dynamic ? (w[0]?.text ?? '') : '$?'));
  const subcommand = texts[0] ?? '';
  if (!BUILD_SUBCOMMANDS[tool].has(subcommand)) return;
  const rest = texts.slice(1);
  const place = { ...found.place };
  if (tool === 'wasm-pack') {
    const path = wasmPackPath(rest);
    if (path !== undefined && path !== '$?') Object.assign(place, { dir: resolve(place.dir, path), dirExplicit: true });
    else if (path === '$?') place.dirExplicit = false;
  }
  const fixed = FIXED_TARGET[tool];
  out.builds.push({ tool, subcommand, span, args: rest, targets: fixed ? [fixed] : found.targets, ...place, ...(toolchain ? { toolchain } : {}) });
}

/** The crate path a `wasm-pack build|test [options] [path]` names, if any. */
export function wasmPackPath(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return undefined;
    if (!a.startsWith('-')) return a;
    if (WASM_PACK_VALUE_OPTIONS.has(a)) i++;
  }
  return undefined;
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
  if (a === 'default') eachPositional(rest, new Set(), (w) => addToolchain(w, span, file, where, out));
  if (a === 'override' && b === 'set') {
    const at = rest.findIndex((w) => w[0]?.text === '--path');
    const path = at >= 0 ? rest[at + 1]?.[0] : undefined;
    if (at >= 0 && (!path || path.dynamic)) return;
    const dir = path ? resolve(where.dir, path.text) : where.dir;
    const set: Located<string>[] = [];
    eachPositional(rest, new Set(['--path']), (w) => addToolchain(w, span, file, where, out, set));
    out.overrides.push(...set.map((toolchain) => ({ toolchain, dir })));
  }
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

function addToolchain(variants: readonly Word[], span: Span, file: FileId, where: Where, out: ShellFindings, into: Located<string>[] = out.toolchains): void {
  for (const v of variants) {
    const version = v.dynamic ? undefined : locatedOf(file, v);
    if (!version) continue;
    into.push(version);
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

/** `--target X`, `--target=X` and `--manifest-path P` of a build command: where it runs and the literal targets. */
function targetFlags(args: readonly Word[][], file: FileId, where: Where, toolchain: Located<string> | undefined, out: ShellFindings): { place: Where; targets: string[] } {
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
  return { place, targets: found.flat().filter((w) => !w.dynamic && looksLikeTriple(w.text)).map((w) => w.text) };
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
export function attach(f: ShellFindings, job: CiContext): CiConfig {
  const context: CiContext = f.overrides.length > 0 ? { ...job, overrides: [...(job.overrides ?? []), ...f.overrides] } : job;
  return {
    pins: f.pins.map((p) => ({ ...p, context })),
    targets: f.targets.map((t) => ({ ...t, context })),
    builds: f.builds.map((b) => ({ ...b, context })),
    calls: f.calls.map((c) => ({ ...c, context })),
  };
}

export const mergeCi = (all: readonly CiConfig[]): CiConfig => ({
  pins: all.flatMap((c) => c.pins),
  targets: all.flatMap((c) => c.targets),
  builds: all.flatMap((c) => c.builds),
  calls: all.flatMap((c) => c.calls),
});
