/** rust-toolchain.toml / legacy rust-toolchain → ToolchainFile. */
import type { ToolchainFile } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import { asString, get, stringItems, stripBom, type TomlTable } from '../syntax/toml/toml.ts';

export const TOOLCHAIN_FILES = ['rust-toolchain.toml', 'rust-toolchain'] as const;

/** A legacy `rust-toolchain` file holding only a channel name (no TOML). */
export function isBareChannelFile(text: string): boolean {
  const body = stripBom(text).text.trim();
  return body !== '' && !body.includes('\n') && !body.includes('=') && !body.startsWith('[');
}

export function readBareChannel(file: SourceFile, dir: string): ToolchainFile {
  const { shift } = stripBom(file.text);
  const body = file.text.slice(shift);
  const lead = body.length - body.trimStart().length;
  const value = body.trim();
  const start = shift + lead;
  return { file, dir, channel: { value, span: { file: file.id, start, end: start + value.length } }, targets: [], components: [] };
}

export function readToolchainToml(file: SourceFile, dir: string, toml: TomlTable): ToolchainFile {
  return {
    file,
    dir,
    channel: asString(get(toml, 'toolchain', 'channel')),
    path: asString(get(toml, 'toolchain', 'path')),
    targets: stringItems(get(toml, 'toolchain', 'targets')),
    components: stringItems(get(toml, 'toolchain', 'components')),
  };
}
