/**
 * cargo-make `Makefile.toml`: task `script`s, `command` + `args`, and `install_crate` (which
 * installs a crate when its binary is missing).
 */
import { resolve } from 'node:path';
import type { FileId, Span, Located } from '../syntax/span.ts';
import type { CiConfig } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import { asArray, asString, asTable, get, type TomlNode, type TomlTable } from '../syntax/toml/toml.ts';
import { attach, classify, CRATE_TOOLS, emptyFindings, mergeCi, scanArgv, scanShell, type ShellFindings, type ShellScope } from './shell.ts';
import { wordOf } from '../syntax/shell/words.ts';
import type { Region } from '../syntax/text.ts';

export function readCargoMake(file: SourceFile, dir: string, toml: TomlTable): CiConfig {
  const vars = new Map<string, readonly Located<string>[]>();
  for (const [key, e] of asTable(get(toml, 'env'))?.entries ?? []) {
    const s = asString(e.node);
    if (s) vars.set(key, [{ value: s.value, span: innerSpan(file, s.span) }]);
  }
  const tasks = asTable(get(toml, 'tasks'));
  return mergeCi(
    [...(tasks?.entries ?? [])].map(([name, e]) => {
      const task = asTable(e.node);
      const found = emptyFindings();
      if (task) readTask(file, dir, task, vars, found);
      return attach(found, { source: 'cargo-make', file, job: name, toolchains: found.toolchains });
    }),
  );
}

function readTask(file: SourceFile, dir: string, task: TomlTable, vars: ReadonlyMap<string, readonly Located<string>[]>, found: ShellFindings): void {
  const cwd = asString(get(task, 'cwd'));
  const scope: ShellScope = { file: file.id, dir: cwd ? resolve(dir, cwd.value) : dir, dirExplicit: true, vars };
  for (const s of scripts(get(task, 'script'))) scanShell(stringRegion(file, s.span), scope, found);
  const command = asString(get(task, 'command'));
  if (command) {
    const args = (asArray(get(task, 'args'))?.items ?? []).map(asString).filter((a): a is { value: string; span: Span } => a !== undefined);
    scanArgv([command, ...args].map((a) => wordOf(stringRegion(file, a.span))), scope, found);
  }
  installCrate(file.id, get(task, 'install_crate'), scope, found);
}

/** `script` as a string, an array of lines, or `{ main, pre, post }`. */
function scripts(node: TomlNode | undefined): { value: string; span: Span }[] {
  const s = asString(node);
  if (s) return [s];
  const arr = asArray(node);
  if (arr) return arr.items.map(asString).filter((x): x is { value: string; span: Span } => x !== undefined);
  const t = asTable(node);
  return t ? [...t.entries.values()].flatMap((e) => scripts(e.node)) : [];
}

function installCrate(file: FileId, node: TomlNode | undefined, scope: ShellScope, found: ShellFindings): void {
  const short = asString(node);
  const table = asTable(node);
  const name = short ?? asString(get(table, 'crate_name'));
  const tool = name ? CRATE_TOOLS.get(name.value) : undefined;
  if (!name || !tool) return;
  const base = { tool, via: 'cargo-make install_crate', span: name.span, name: { ...name.span, start: name.span.start + 1, end: name.span.end - 1 }, dir: scope.dir, dirExplicit: scope.dirExplicit };
  const exact = asString(get(table, 'version'));
  const min = asString(get(table, 'min_version'));
  const v = exact ?? min;
  if (!v) {
    found.pins.push({ ...base, pin: 'latest' });
    return;
  }
  const c = classify(file, { text: v.value, offs: [...v.value].map((_, i) => v.span.start + 1 + i), dynamic: false });
  found.pins.push({ ...base, ...c, pin: min && !exact && c.pin === 'exact' ? 'range' : c.pin });
}

const DELIMS = ['"""', "'''", '"', "'"];

/** The inside of a TOML string literal as a region (delimiters excluded). */
function stringRegion(file: SourceFile, span: Span): Region {
  const inner = innerSpan(file, span);
  return { file: file.id, text: file.text.slice(inner.start, inner.end), base: inner.start };
}

function innerSpan(file: SourceFile, span: Span): Span {
  const raw = file.text.slice(span.start, span.end);
  const d = DELIMS.find((q) => raw.startsWith(q) && raw.endsWith(q) && raw.length >= 2 * q.length) ?? '';
  return { file: span.file, start: span.start + d.length, end: span.end - d.length };
}
