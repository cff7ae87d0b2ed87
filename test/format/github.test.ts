import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../../src/diagnostic/types.ts';
import { SourceMap } from '../../src/syntax/source.ts';
import type { Report } from '../../src/engine/report.ts';
import { escapeData, escapeProperty, formatGithub, formatJobSummary, markdownCell, SUMMARY_MAX_BYTES } from '../../src/format/github.ts';
import { locate } from '../../src/format/location.ts';
import { diag, sharedDiagnostics, HOSTILE_MESSAGE, primary, report, ROOT, sources, spanOf, WORKSPACE } from './shared-report.ts';

// ---------------------------------------------------------------------------------------------
// Fixture: a hand-built report

function fixtureReport(): Report {
  const { map, cargo, crlf, trunk, hostile } = sources();
  return report(map, [
    diag('toolchain/target-unsupported', 'warning', 'opt-level is 3 in [profile.release]', {
      labels: [primary(spanOf(cargo, '3', cargo.text.indexOf('opt-level')), 'optimises for speed')],
      help: ['use "z" or "s" for wasm'],
      fix: { kind: 'edit', title: 'set opt-level = "z"', applicability: 'safe', edits: [{ span: spanOf(cargo, '3', cargo.text.indexOf('opt-level')), text: '"z"' }] },
    }),
    ...sharedDiagnostics({ cargo, crlf, trunk }),
    diag('egui/version-mismatch', 'error', HOSTILE_MESSAGE, {
      labels: [primary(spanOf(hostile, 'name'))],
      notes: ['colored \u001b[31mred\u001b[0m text\u0007 with a bell'],
    }),
    diag('evil/x,y::z\n##[add-mask]q' as RuleId, 'warning', 'hostile rule id'),
    diag('core/rule-crashed', 'error', 'rule `x/y` crashed: boom', { help: ['this is a bug in wasm-doctor'] }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// A port of the runner's v2 parser (ActionCommand.TryParseV2 + unescape, integrations.md §1.2)

interface Parsed {
  command: string;
  properties: Record<string, string>;
  data: string;
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

function parseCommand(line: string): Parsed | undefined {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith('::')) return undefined;
  const end = trimmed.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = trimmed.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',').filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { command, properties, data: unescapeData(trimmed.slice(end + 2)) };
}

const lines = (out: string): string[] => out.replace(/\n$/, '').split('\n');
const annotations = (out: string): Parsed[] => lines(out).map(parseCommand).filter((p): p is Parsed => p !== undefined);

// ---------------------------------------------------------------------------------------------

describe('escaping helpers', () => {
  it('mirror @actions/core: % first, then CR, LF (and : , for properties)', () => {
    expect(escapeData('100%\r\n%0A')).toBe('100%25%0D%0A%250A');
    expect(escapeProperty('we,ird:dir/100%\nCargo.toml')).toBe('we%2Cird%3Adir/100%25%0ACargo.toml');
    expect(unescapeProperty(escapeProperty('a,b:c%d\r\ne%3A'))).toBe('a,b:c%d\r\ne%3A');
  });
});

describe('formatGithub', () => {
  const r = fixtureReport();
  const out = formatGithub(r, { workspace: WORKSPACE });

  it('matches the snapshot', async () => {
    await expect(out).toMatchFileSnapshot('__snapshots__/format.github.txt');
  });

  it('writes only annotation lines and the summary line, with nothing that can form another command', () => {
    expect(out.endsWith('\n')).toBe(true);
    const all = lines(out);
    const summary = all.at(-1);
    expect(summary).toBe('wasm-doctor: 3 errors, 2 warnings, 1 info');
    expect(summary?.trimStart().startsWith('::')).toBe(false);
    for (const line of all.slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) /);
    expect(out).not.toMatch(/\r/);
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('##[');
    expect(out.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('puts errors first, then warnings, then notices', () => {
    expect(annotations(out).map((a) => a.command)).toEqual(['error', 'error', 'error', 'warning', 'warning', 'notice']);
  });

  it('decodes hostile path, title and message back to the intended text', () => {
    const hostile = annotations(out).find((a) => a.properties.title === 'wasm-doctor: egui/version-mismatch');
    expect(hostile).toBeDefined();
    // control characters are stripped from properties: the path loses its newline
    expect(hostile?.properties.file).toBe('app/we,ird:dir/100%Cargo.toml');
    expect(hostile?.properties).toMatchObject({ line: '2', endLine: '2', col: '1', endColumn: '5' });
    expect(hostile?.data).toBe('bad value\n::add-mask::x\n#\u200d#[error]y %0A\nnote: colored red text with a bell');

    const evil = annotations(out).find((a) => a.data === 'hostile rule id');
    expect(evil?.command).toBe('warning');
    expect(evil?.properties).toEqual({ title: 'wasm-doctor: evil/x,y::z#\u200d#[add-mask]q' });
  });

  it('joins notes and help into the message and uses UTF-16 columns with an exclusive end', () => {
    const mismatch = annotations(out).find((a) => a.properties.title === 'wasm-doctor: wasm-bindgen/cli-version-mismatch');
    const { map, trunk } = sources();
    const loc = locate(map, spanOf(trunk, '"0.2.92"'));
    expect(mismatch?.properties).toEqual({
      file: 'app/Trunk.toml',
      line: String(loc.line),
      endLine: String(loc.endLine),
      col: String(loc.column),
      endColumn: String(loc.endColumn),
      title: 'wasm-doctor: wasm-bindgen/cli-version-mismatch',
    });
    expect(mismatch?.data).toBe('wasm-bindgen CLI `0.2.92` does not match the crate `0.2.93`\nnote: Trunk fetches the exact version\nhelp: set `wasm_bindgen = "0.2.93"`');
  });

  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    const { map, trunk } = sources();
    const one = report(map, [diag('a/b', 'info', 'after the rocket', { labels: [primary(spanOf(trunk, 'build'))] })]);
    // `# café 🚀 build`: é is one code unit, 🚀 two, so `build` starts at column 11
    expect(annotations(formatGithub(one, { workspace: WORKSPACE }))[0]?.properties).toEqual({
      file: 'app/Trunk.toml',
      line: '1',
      endLine: '1',
      col: '11',
      endColumn: '16',
      title: 'wasm-doctor: a/b',
    });
  });

  it('leaves file and line out for a diagnostic without a location', () => {
    const crashed = annotations(out).find((a) => a.properties.title === 'wasm-doctor: core/rule-crashed');
    expect(crashed?.properties).toEqual({ title: 'wasm-doctor: core/rule-crashed' });
  });

  it('drops columns for a multi-line span', () => {
    const { map, cargo } = sources();
    const multi = report(map, [diag('a/b', 'warning', 'two lines', { labels: [primary(spanOf(cargo, 'name = "app"\nversion'))] })]);
    const [a] = annotations(formatGithub(multi, { workspace: WORKSPACE }));
    expect(a?.properties).toEqual({ file: 'app/Cargo.toml', line: '2', endLine: '3', title: 'wasm-doctor: a/b' });
  });

  it('uses absolute paths without a workspace or when the root lies outside it', () => {
    const { map, crlf } = sources();
    const one = report(map, [diag('a/b', 'error', 'x', { labels: [primary(spanOf(crlf, 'name'))] })]);
    const abs = path.join(ROOT, 'crlf', 'Cargo.toml');
    expect(annotations(formatGithub(one, {}))[0]?.properties.file).toBe(abs);
    expect(annotations(formatGithub(one, { workspace: path.resolve('/elsewhere') }))[0]?.properties.file).toBe(abs);
    expect(annotations(formatGithub(one, { workspace: ROOT }))[0]?.properties.file).toBe('crlf/Cargo.toml');
    expect(annotations(formatGithub(one, { workspace: ROOT }))[0]?.properties).toMatchObject({ line: '2', col: '1', endColumn: '5' });
  });

  it('says so when there is nothing to report', () => {
    expect(formatGithub(report(new SourceMap(), []), {})).toBe('wasm-doctor: no problems found\n');
  });
});

describe('annotation cap (integrations.md §1.4)', () => {
  const many = (n: number, severity: Severity) => Array.from({ length: n }, (_, i) => diag(`a/${severity}`, severity, `${severity} ${i}`));

  it('emits at most 10 per level, errors first, and one trailing notice counting the rest', () => {
    const r = report(new SourceMap(), [...many(3, 'info'), ...many(11, 'warning'), ...many(12, 'error')]);
    const parsed = annotations(formatGithub(r, {}));
    const count = (c: string) => parsed.filter((p) => p.command === c).length;
    expect(count('error')).toBe(10);
    expect(count('warning')).toBe(10);
    expect(parsed.slice(0, 10).every((p) => p.command === 'error')).toBe(true);
    expect(parsed.at(-1)).toEqual({
      command: 'notice',
      properties: { title: 'wasm-doctor' },
      data: '3 more findings are not shown as annotations (GitHub keeps 10 per level and step); the job summary lists every finding',
    });
    expect(count('notice')).toBe(4); // the 3 infos fit, plus the overflow notice
    expect(lines(formatGithub(r, {})).at(-1)).toBe('wasm-doctor: 12 errors, 11 warnings, 3 info');
  });

  it('keeps a notice slot for the overflow notice so it is never the one GitHub drops', () => {
    const r = report(new SourceMap(), many(12, 'info'));
    const parsed = annotations(formatGithub(r, {}));
    expect(parsed).toHaveLength(10);
    expect(parsed.at(-1)?.data).toMatch(/^3 more findings are not shown/);
  });

  it('adds no notice when nothing is dropped', () => {
    const r = report(new SourceMap(), [...many(10, 'error'), ...many(10, 'warning'), ...many(10, 'info')]);
    const parsed = annotations(formatGithub(r, {}));
    expect(parsed).toHaveLength(30);
    expect(parsed.some((p) => p.data.includes('more finding'))).toBe(false);
  });
});

describe('formatJobSummary', () => {
  const r = fixtureReport();
  const md = formatJobSummary(r);

  it('lists every diagnostic in a table with four cells per row', () => {
    expect(md).toMatch(/^## wasm-doctor\n\n\*\*3 errors\*\*, \*\*2 warnings\*\*, 1 info/);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(r.diagnostics.length);
    for (const row of rows) {
      // unescaped pipes delimit cells: 5 of them for 4 cells
      expect(row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|')).toHaveLength(6);
    }
  });

  it('escapes project text: no HTML, links, raw newlines or control characters; code spans stay code', () => {
    const hostile = md.split('\n').find((l) => l.includes('egui/version-mismatch'));
    expect(hostile).toBe('| error | `egui/version-mismatch` | we,ird:dir/100%<br>Cargo.toml:2:1 | bad value<br>::add-mask::x<br>##\\[error\\]y %0A<br>**note:** colored red text with a bell |');
    const evil = md.split('\n').find((l) => l.includes('hostile rule id'));
    expect(evil).toBe('| warning | evil/x,y::z<br>##\\[add-mask\\]q |  | hostile rule id |');
    expect(md).not.toContain('\u001b');
    expect(md).not.toContain('\r');
    const { map, hostile: file } = sources();
    const tricky = report(map, [diag('a/b', 'error', 'see [here](https://evil) <img src=x> a|b `c` \\| &lt;', { labels: [primary(spanOf(file, 'name'))] })]);
    expect(formatJobSummary(tricky)).toContain('| see \\[here\\](https://evil) &lt;img src=x&gt; a\\|b `c` \\\\\\| &amp;lt; |');
  });

  it('renders the rules\' code spans as Markdown code, safe inside a table cell', () => {
    expect(markdownCell('CLI `0.2.92` does not match `0.2.93`')).toBe('CLI `0.2.92` does not match `0.2.93`');
    // a pipe stays in the cell, a link or tag inside a code span is only text
    expect(markdownCell('set `a|b = "[x](y) <b>"`')).toBe('set `a\\|b = "[x](y) <b>"`');
    // backticks pair left to right, as in CommonMark; the odd one out is escaped
    expect(markdownCell('odd ` tick and `ok`')).toBe('odd ` tick and `ok\\`');
    const r2 = report(new SourceMap(), [diag('a/b', 'warning', 'crate `yew` is locked twice', { notes: ['`0.20` and `0.21`'], help: ['run `cargo update -p yew`'] })]);
    expect(formatJobSummary(r2)).toContain('| crate `yew` is locked twice<br>**note:** `0.20` and `0.21`<br>**help:** run `cargo update -p yew` |');
  });

  it('mentions fixable findings and says when there are none at all', () => {
    expect(md).toContain('1 fixable with `wasm-doctor check --fix`');
    expect(formatJobSummary(report(new SourceMap(), []))).toBe('## wasm-doctor\n\nNo problems found.\n');
  });

  it('stays under the step-summary limit and says it was truncated', () => {
    const big = Array.from({ length: 4000 }, (_, i) => diag('a/b', 'warning', `${i} ${'x'.repeat(400)}`));
    const out = formatJobSummary(report(new SourceMap(), big));
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(out).toMatch(/> \*\*Truncated:\*\* \d+ more findings are not listed/);
  });
});
