// Pastes each fixture's expected.txt into the `<!-- fixture: NAME -->` example block of its rule doc.
// Run after `vitest -u` changed expected output: `npm run docs`.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BLOCK = /<!-- fixture: ([\w.-]+) -->\n```text\n[\s\S]*?```/g;
let changed = 0;
for (const ns of readdirSync('rules', { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const f of readdirSync(join('rules', ns.name)).filter((n) => n.endsWith('.md'))) {
    const path = join('rules', ns.name, f);
    const id = `${ns.name}/${f.slice(0, -3)}`;
    const text = readFileSync(path, 'utf8');
    const next = text.replace(BLOCK, (whole, scenario) => {
      const expected = join('fixtures', id, scenario, 'expected.txt');
      if (!existsSync(expected)) return whole;
      return `<!-- fixture: ${scenario} -->\n\`\`\`text\n${readFileSync(expected, 'utf8').replace(/\n*$/, '\n')}\`\`\``;
    });
    if (next !== text) {
      writeFileSync(path, next);
      changed++;
    }
  }
}
console.log(`docs: ${changed} file(s) updated`);

// The README rule table, generated from the rule metadata in the built bundle.
const { allRules, ruleTable } = await import('../dist/index.js');
const readme = readFileSync('README.md', 'utf8');
const table = ruleTable(allRules());
const nextReadme = readme.replace(/<!-- rules:begin -->[\s\S]*<!-- rules:end -->/, `<!-- rules:begin -->\n${table}<!-- rules:end -->`);
if (nextReadme !== readme) {
  writeFileSync('README.md', nextReadme);
  console.log('docs: README rule table updated');
}
