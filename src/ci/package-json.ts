/** package.json `scripts`: each script is a shell command run in the package's directory. */
import type { CiConfig } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import { attach, emptyFindings, mergeCi, scanShell } from './shell.ts';

export function readPackageJson(file: SourceFile, dir: string): CiConfig {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch {
    return { pins: [], targets: [], builds: [], calls: [] };
  }
  const scripts = (json as { scripts?: unknown } | null)?.scripts;
  if (!scripts || typeof scripts !== 'object') return { pins: [], targets: [], builds: [], calls: [] };
  const text = file.text;
  let cursor = Math.max(0, text.indexOf('"scripts"'));
  const out = [];
  for (const [name, value] of Object.entries(scripts)) {
    if (typeof value !== 'string') continue;
    const keyAt = text.indexOf(JSON.stringify(name), cursor);
    const literal = JSON.stringify(value);
    const at = keyAt < 0 ? -1 : text.indexOf(literal, keyAt + JSON.stringify(name).length);
    if (at < 0) continue;
    cursor = at + literal.length;
    const body = unescapeInPlace(text.slice(at + 1, at + literal.length - 1));
    const found = scanShell({ file: file.id, text: body, base: at + 1 }, { file: file.id, dir, dirExplicit: true, vars: new Map() }, emptyFindings());
    out.push(attach(found, { source: 'package-json', file, job: name, toolchains: found.toolchains }));
  }
  return mergeCi(out);
}

/**
 * A JSON string body as the shell sees it, same length: each escape becomes its character plus a
 * blank, the blank outside any quote (`\"0.2.1\"` reads as ` "0.2.1" `).
 */
function unescapeInPlace(body: string): string {
  let open = false;
  return body.replace(/\\(.)/g, (_m, c: string) => {
    if (c !== '"') return ` ${c}`;
    open = !open;
    return open ? ' "' : '" ';
  });
}
