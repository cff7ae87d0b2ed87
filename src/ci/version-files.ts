/** Version-manager files: asdf `.tool-versions` and mise `mise.toml` (`[tools]`). */
import type { CiConfig, CiTool, ToolPin } from './model.ts';
import type { Located } from '../syntax/span.ts';
import type { SourceFile } from '../syntax/source.ts';
import { asArray, asString, asTable, get, type TomlNode, type TomlTable } from '../syntax/toml/toml.ts';
import { classify, CRATE_TOOLS, type FoundPin } from './shell.ts';
import { wordOfLocated } from '../syntax/shell/words.ts';
import { maskShellComments } from '../syntax/text.ts';

/** A version manager's tool name (`rust`, `wasm-bindgen`, `cargo:wasm-bindgen-cli`, ...) as a tool. */
function toolOf(name: string): CiTool | undefined {
  const bare = name.replace(/^(?:cargo|asdf|aqua|ubi|github):/, '').replace(/^.*\//, '');
  if (bare === 'rust') return 'rust';
  if (bare === 'wasm-bindgen') return 'wasm-bindgen';
  return CRATE_TOOLS.get(bare);
}

function pinOf(file: SourceFile, tool: CiTool, version: Located<string>, via: string, dir: string): FoundPin {
  const c = tool === 'rust' ? { pin: /^\d/.test(version.value) ? ('exact' as const) : ('latest' as const), version } : classify(file.id, wordOfLocated(version));
  return { tool, via, span: version.span, dir, dirExplicit: true, ...c };
}

const withContext = (file: SourceFile, source: 'tool-versions' | 'mise', pins: FoundPin[]): CiConfig => ({
  pins: pins.map((p): ToolPin => ({ ...p, context: { source, file, toolchains: [] } })),
  targets: [],
  builds: [],
  calls: [],
});

export function readToolVersions(file: SourceFile, dir: string): CiConfig {
  const text = maskShellComments(file.text);
  const pins: FoundPin[] = [];
  for (const m of text.matchAll(/^[ \t]*(\S+)[ \t]+(\S+)/gm)) {
    const tool = toolOf(m[1] as string);
    if (!tool) continue;
    const start = (m.index ?? 0) + m[0].length - (m[2] as string).length;
    pins.push(pinOf(file, tool, { value: m[2] as string, span: { file: file.id, start, end: start + (m[2] as string).length } }, '.tool-versions', dir));
  }
  return withContext(file, 'tool-versions', pins);
}

export function readMise(file: SourceFile, dir: string, toml: TomlTable): CiConfig {
  const pins: FoundPin[] = [];
  for (const [name, e] of asTable(get(toml, 'tools'))?.entries ?? []) {
    const tool = toolOf(name);
    const v = tool ? versionOf(e.node) : undefined;
    if (tool && v) pins.push(pinOf(file, tool, { value: v.value, span: { file: file.id, start: v.span.start + 1, end: v.span.end - 1 } }, 'mise', dir));
  }
  return withContext(file, 'mise', pins);
}

const versionOf = (n: TomlNode | undefined): { value: string; span: ToolPin['span'] } | undefined => asString(n) ?? asString(asArray(n)?.items[0]) ?? asString(get(asTable(n), 'version'));
