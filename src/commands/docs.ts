/** Finds the rule docs (`rules/<id>.md`) shipped next to the sources or the bundle. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function rulesDir(): string | undefined {
  for (let d = dirname(fileURLToPath(import.meta.url)); ; d = dirname(d)) {
    if (existsSync(join(d, 'rules', 'core'))) return join(d, 'rules');
    if (dirname(d) === d) return undefined;
  }
}

export function readRuleDoc(id: string): string | undefined {
  const dir = rulesDir();
  const path = dir && join(dir, `${id}.md`);
  return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
