import { UsageError } from '../errors.ts';
import { allRules, findRule } from '../engine/registry.ts';
import type { RuleMeta } from '../rule.ts';
import { readRuleDoc } from './docs.ts';

const FIX_WORDS = { none: 'no automatic fix', sometimes: 'fix available in some cases', always: 'fix always available' } as const;

/** `wasm-doctor explain <rule>`: a header generated from the rule's metadata, then its doc. */
export function explain(id: string, format: 'text' | 'json'): string {
  const rule = findRule(id);
  if (!rule) {
    const near = allRules().filter((r) => r.id.split('/')[1] === id || r.id.startsWith(`${id}/`)).map((r) => r.id);
    throw new UsageError(`unknown rule \`${id}\`${near.length ? `; did you mean ${near.map((n) => `\`${n}\``).join(', ')}?` : ''} (see \`wasm-doctor --list-rules\`)`);
  }
  const doc = readRuleDoc(rule.id) ?? `# ${rule.id}\n\n${rule.summary}\n`;
  if (format === 'json') {
    return `${JSON.stringify({ id: rule.id, summary: rule.summary, defaultSeverity: rule.defaultSeverity, fix: rule.fix, needs: rule.needs, doc }, null, 2)}\n`;
  }
  const header = [`default severity: ${rule.defaultSeverity}`, FIX_WORDS[rule.fix], rule.needs.length ? `probes: ${rule.needs.map((n) => n.slice(5)).join(', ')}` : 'reads files only'].join(' · ');
  const [title, ...rest] = doc.split('\n');
  return `${title}\n${header}\n${rest.join('\n')}`;
}

export function listRules(format: 'text' | 'json'): string {
  const rules = allRules();
  if (format === 'json') {
    return `${JSON.stringify(rules.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, fix: r.fix, summary: r.summary })), null, 2)}\n`;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  return `${rules.map((r) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.summary}`).join('\n')}\n`;
}

/** The README's rule table (Markdown), generated from the rule metadata. */
export function ruleTable(rules: readonly RuleMeta[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const rows = rules.map((r) => `| \`${r.id}\` | ${r.defaultSeverity} | ${r.fix === 'none' ? '' : r.fix === 'always' ? 'yes' : 'sometimes'} | ${esc(r.summary)} |`);
  return ['| rule | default severity | fix | summary |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
