import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic/types.ts';
import { allRules } from '../../src/engine/registry.ts';
import { locate } from '../../src/format/location.ts';
import { formatSarif, SARIF_SCHEMA } from '../../src/format/sarif.ts';
import { ruleDocFromMarkdown, type RuleInfo } from '../../src/format/rule-docs.ts';
import { ruleCatalog } from '../../src/commands/docs.ts';
import { SourceMap } from '../../src/syntax/source.ts';
import { TOOL_REPOSITORY } from '../../src/tool.ts';
import { diag, sharedDiagnostics, primary, report, ROOT, sources, spanOf } from './shared-report.ts';

// ---------------------------------------------------------------------------------------------
// Fixture: a hand-built report

/** A fixed rule list so the snapshot does not change whenever a rule is added. */
const RULES: RuleInfo[] = [
  { id: 'core/rule-crashed', summary: 'a rule threw an exception', defaultSeverity: 'error' },
  { id: 'toolchain/target-unsupported', summary: 'the release profile does not optimise for size', defaultSeverity: 'warning' },
  { id: 'wasi/target-renamed', summary: 'the wasm32-wasi target was renamed', defaultSeverity: 'info' },
  { id: 'wasm-bindgen/cli-version-mismatch', summary: 'a wasm-bindgen CLI differs from the wasm-bindgen crate in Cargo.lock', defaultSeverity: 'error' },
];

const DOC = `# wasm-bindgen/cli-version-mismatch

A wasm-bindgen CLI differs from the wasm-bindgen crate in Cargo.lock.

## What it does

Compares the version of every wasm-bindgen CLI it can find
with the wasm-bindgen crate locked in Cargo.lock.

Second paragraph, not part of the description.

## Why is this bad?

The CLI refuses modules built with another schema.

## Fix

Install the matching CLI.
`;

function fixtureDiagnostics(): { map: SourceMap; diagnostics: Diagnostic[] } {
  const { map, cargo, crlf, trunk, hostile } = sources();
  const optLevel = spanOf(cargo, '3', cargo.text.indexOf('opt-level'));
  return {
    map,
    diagnostics: [
      diag('toolchain/target-unsupported', 'warning', 'opt-level is 3 in [profile.release]', {
        labels: [primary(optLevel, 'optimises for speed')],
        help: ['use "z" or "s" for wasm'],
        fix: {
          kind: 'edit',
          title: 'set opt-level = "z"',
          applicability: 'safe',
          edits: [
            { span: optLevel, text: '"z"' },
            { span: { file: crlf.id, start: 0, end: 0 }, text: '# optimised\r\n' },
            { span: spanOf(crlf, 'edition = "2018"\r\n'), text: '' },
          ],
        },
      }),
      ...sharedDiagnostics({ cargo, crlf, trunk }),
      diag('wasm-bindgen/cli-version-mismatch', 'warning', 'hostile path', { labels: [primary(spanOf(hostile, 'name'))] }),
      diag('core/rule-crashed', 'error', 'rule `x/y` crashed: boom', { help: ['this is a bug in wasm-doctor'] }),
      diag('zzz/unregistered', 'warning', 'from a rule the registry does not know'),
    ],
  };
}

const render = () => {
  const { map, diagnostics } = fixtureDiagnostics();
  return formatSarif(report(map, diagnostics), { rules: RULES, ruleDocs: new Map([['wasm-bindgen/cli-version-mismatch', ruleDocFromMarkdown(DOC)]]) });
};

// ---------------------------------------------------------------------------------------------
// Structural checks (the OASIS schema sets additionalProperties: false on these objects)

const ALLOWED: Record<string, readonly string[]> = {
  log: ['$schema', 'inlineExternalProperties', 'properties', 'runs', 'version'],
  run: ['addresses', 'artifacts', 'automationDetails', 'baselineGuid', 'columnKind', 'conversion', 'defaultEncoding', 'defaultSourceLanguage', 'externalPropertyFileReferences', 'graphs', 'invocations', 'language', 'logicalLocations', 'newlineSequences', 'originalUriBaseIds', 'policies', 'properties', 'redactionTokens', 'results', 'runAggregates', 'specialLocations', 'taxonomies', 'threadFlowLocations', 'tool', 'translations', 'versionControlProvenance', 'webRequests', 'webResponses'],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: ['associatedComponent', 'contents', 'dottedQuadFileVersion', 'downloadUri', 'fullDescription', 'fullName', 'globalMessageStrings', 'guid', 'informationUri', 'isComprehensive', 'language', 'localizedDataSemanticVersion', 'locations', 'minimumRequiredLocalizedDataSemanticVersion', 'name', 'notifications', 'organization', 'product', 'productSuite', 'properties', 'releaseDateUtc', 'rules', 'semanticVersion', 'shortDescription', 'supportedTaxonomies', 'taxa', 'translationMetadata', 'version'],
  reportingDescriptor: ['defaultConfiguration', 'deprecatedGuids', 'deprecatedIds', 'deprecatedNames', 'fullDescription', 'guid', 'help', 'helpUri', 'id', 'messageStrings', 'name', 'properties', 'relationships', 'shortDescription'],
  multiformatMessageString: ['markdown', 'properties', 'text'],
  reportingConfiguration: ['enabled', 'level', 'parameters', 'properties', 'rank'],
  result: ['analysisTarget', 'attachments', 'baselineState', 'codeFlows', 'correlationGuid', 'fingerprints', 'fixes', 'graphTraversals', 'graphs', 'guid', 'hostedViewerUri', 'kind', 'level', 'locations', 'message', 'occurrenceCount', 'partialFingerprints', 'properties', 'provenance', 'rank', 'relatedLocations', 'rule', 'ruleId', 'ruleIndex', 'stacks', 'suppressions', 'taxa', 'webRequest', 'webResponse', 'workItemUris'],
  message: ['arguments', 'id', 'markdown', 'properties', 'text'],
  location: ['annotations', 'id', 'logicalLocations', 'message', 'physicalLocation', 'properties', 'relationships'],
  physicalLocation: ['address', 'artifactLocation', 'contextRegion', 'properties', 'region'],
  artifactLocation: ['description', 'index', 'properties', 'uri', 'uriBaseId'],
  region: ['byteLength', 'byteOffset', 'charLength', 'charOffset', 'endColumn', 'endLine', 'message', 'properties', 'snippet', 'sourceLanguage', 'startColumn', 'startLine'],
  fix: ['artifactChanges', 'description', 'properties'],
  artifactChange: ['artifactLocation', 'properties', 'replacements'],
  replacement: ['deletedRegion', 'insertedContent', 'properties'],
  artifactContent: ['binary', 'properties', 'rendered', 'text'],
  runAutomationDetails: ['correlationGuid', 'description', 'guid', 'id', 'properties'],
};
const LEVELS = ['none', 'note', 'warning', 'error'];

// Loose JSON shapes for reading the parsed document.
type Json = Record<string, any>;

function keysAllowed(kind: string, obj: Json): void {
  const allowed = ALLOWED[kind];
  expect(allowed, kind).toBeDefined();
  for (const key of Object.keys(obj)) expect(allowed, `${kind}.${key}`).toContain(key);
}

function checkRegion(region: Json): void {
  keysAllowed('region', region);
  for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
    expect(Number.isInteger(region[k]) && region[k] >= 1, `region.${k}`).toBe(true);
  }
  expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
  if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThanOrEqual(region.startColumn);
}

function checkLocation(loc: Json): void {
  keysAllowed('location', loc);
  keysAllowed('physicalLocation', loc.physicalLocation);
  keysAllowed('artifactLocation', loc.physicalLocation.artifactLocation);
  expect(typeof loc.physicalLocation.artifactLocation.uri).toBe('string');
  checkRegion(loc.physicalLocation.region);
  if (loc.message) keysAllowed('message', loc.message);
}

function checkLog(log: Json): void {
  keysAllowed('log', log);
  expect(log.$schema).toBe(SARIF_SCHEMA);
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0];
  keysAllowed('run', run);
  keysAllowed('tool', run.tool);
  keysAllowed('toolComponent', run.tool.driver);
  expect(run.tool.driver.name).toBe('wasm-doctor');
  expect(run.tool.driver.semanticVersion).toBe('0.1.0');
  expect(run.tool.driver.informationUri).toBe(TOOL_REPOSITORY);
  expect(run.columnKind).toBe('utf16CodeUnits');
  // upload-sarif's `category:` decides unless the user names one (--sarif-category)
  expect(run).not.toHaveProperty('automationDetails');

  const rules: Json[] = run.tool.driver.rules;
  for (const rule of rules) {
    keysAllowed('reportingDescriptor', rule);
    expect(rule.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(rule.name).toBe(rule.id.split('/')[1]);
    for (const k of ['shortDescription', 'fullDescription', 'help']) {
      keysAllowed('multiformatMessageString', rule[k]);
      expect(typeof rule[k].text === 'string' && rule[k].text.length > 0, `${rule.id}.${k}.text`).toBe(true);
    }
    expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
    keysAllowed('reportingConfiguration', rule.defaultConfiguration);
    expect(LEVELS).toContain(rule.defaultConfiguration.level);
    expect(rule.properties.tags).toEqual([rule.id.split('/')[0]]);
    expect(rule.helpUri).toBe(`${TOOL_REPOSITORY}/blob/v0.1.0/rules/${rule.id}.md`);
    // short help in the run; the full doc is behind helpUri
    expect(rule.help.markdown).toBe(`${rule.shortDescription.text}\n\n[Documentation](${rule.helpUri}) · \`wasm-doctor explain ${rule.id}\``);
  }
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);

  for (const result of run.results as Json[]) {
    keysAllowed('result', result);
    expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(LEVELS).toContain(result.level);
    keysAllowed('message', result.message);
    expect(result.message.text.length).toBeGreaterThan(0);
    for (const loc of result.locations ?? []) checkLocation(loc);
    for (const loc of result.relatedLocations ?? []) {
      checkLocation(loc);
      expect(Number.isInteger(loc.id) && loc.id >= 0).toBe(true);
    }
    for (const fix of result.fixes ?? []) {
      keysAllowed('fix', fix);
      expect(fix.artifactChanges.length).toBeGreaterThan(0);
      for (const change of fix.artifactChanges) {
        keysAllowed('artifactChange', change);
        keysAllowed('artifactLocation', change.artifactLocation);
        expect(change.replacements.length).toBeGreaterThan(0);
        for (const rep of change.replacements) {
          keysAllowed('replacement', rep);
          checkRegion(rep.deletedRegion);
          if (rep.insertedContent) keysAllowed('artifactContent', rep.insertedContent);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe('formatSarif', () => {
  const out = render();
  const log: Json = JSON.parse(out);
  const run = log.runs[0];
  const results: Json[] = run.results;

  it('matches the snapshot', async () => {
    await expect(out).toMatchFileSnapshot('__snapshots__/format.sarif.json');
  });

  it('is structurally valid SARIF 2.1.0 with every field GitHub requires', () => {
    checkLog(log);
    expect(out).not.toMatch(/"level": "info"/);
  });

  it('is deterministic and ends with a newline', () => {
    expect(render()).toBe(out);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('lists every registered rule from the catalog, in registry order', () => {
    const { map, diagnostics } = fixtureDiagnostics();
    const full: Json = JSON.parse(formatSarif(report(map, diagnostics), { rules: ruleCatalog() }));
    checkLog(full);
    const ids: string[] = full.runs[0].tool.driver.rules.map((r: Json) => r.id);
    const registered = allRules().map((r) => r.id as string);
    expect(ids.slice(0, registered.length)).toEqual(registered);
    for (const r of allRules()) {
      const d = full.runs[0].tool.driver.rules.find((x: Json) => x.id === r.id);
      expect(d.shortDescription.text).toBe(r.summary);
      expect(d.defaultConfiguration.level).toBe(r.defaultSeverity === 'info' ? 'note' : r.defaultSeverity);
    }
  });

  it('maps levels and uses the doc for rule descriptions', () => {
    expect(results.map((r) => r.level)).toEqual(['warning', 'note', 'error', 'warning', 'error', 'warning']);
    const rules: Json[] = run.tool.driver.rules;
    expect(rules.find((r) => r.id === 'wasi/target-renamed')?.defaultConfiguration.level).toBe('note');
    const documented = rules.find((r) => r.id === 'wasm-bindgen/cli-version-mismatch');
    expect(documented?.fullDescription.text).toBe('Compares the version of every wasm-bindgen CLI it can find with the wasm-bindgen crate locked in Cargo.lock.');
    const undocumented = rules.find((r) => r.id === 'core/rule-crashed');
    expect(undocumented?.fullDescription.text).toBe('a rule threw an exception');
    expect(undocumented?.help.text).toContain('wasm-doctor explain core/rule-crashed');
    // an unregistered rule id still gets a descriptor after the known ones
    expect(rules.at(-1)?.id).toBe('zzz/unregistered');
    expect(results.at(-1)?.ruleIndex).toBe(rules.length - 1);
  });

  it('joins notes and help into message.text', () => {
    expect(results[2]?.message.text).toBe('wasm-bindgen CLI `0.2.92` does not match the crate `0.2.93`\nnote: Trunk fetches the exact version\nhelp: set `wasm_bindgen = "0.2.93"`');
  });

  it('gives regions with UTF-16 columns and an exclusive endColumn, as locate does', () => {
    const { map, diagnostics } = fixtureDiagnostics();
    diagnostics.forEach((d, i) => {
      const label = d.labels.find((l) => l.primary);
      if (!label) return;
      const loc = locate(map, label.span);
      expect(results[i]?.locations[0].physicalLocation.region).toEqual({ startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn });
    });
    // `build` follows `é` (1 unit) and `🚀` (2 units)
    expect(results[2]?.relatedLocations[1].physicalLocation.region).toEqual({ startLine: 1, startColumn: 11, endLine: 1, endColumn: 16 });
    // CRLF: `"2018"` on line 3, the \r is not counted into the column
    expect(results[1]?.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 11, endLine: 3, endColumn: 17 });
  });

  it('uses relative, percent-encoded URIs', () => {
    expect(results[0]?.locations[0].physicalLocation.artifactLocation.uri).toBe('Cargo.toml');
    expect(results[1]?.locations[0].physicalLocation.artifactLocation.uri).toBe('crlf/Cargo.toml');
    expect(results[3]?.locations[0].physicalLocation.artifactLocation.uri).toBe('we%2Cird%3Adir/100%25%0ACargo.toml');
  });

  it('makes URIs relative to the workspace, or file: URIs outside it', () => {
    const { map, diagnostics } = fixtureDiagnostics();
    const r = report(map, diagnostics);
    const inWs: Json = JSON.parse(formatSarif(r, { rules: RULES, workspace: path.dirname(ROOT) }));
    expect(inWs.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('app/Cargo.toml');
    const outside: Json = JSON.parse(formatSarif(r, { rules: RULES, workspace: path.resolve('/elsewhere') }));
    expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(pathToFileURL(path.join(ROOT, 'Cargo.toml')).href);
  });

  it('records secondary labels as relatedLocations with ids and messages', () => {
    expect(results[2]?.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'Cargo.toml' }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 13 } },
        message: { text: 'in this package' },
      },
      { id: 2, physicalLocation: { artifactLocation: { uri: 'Trunk.toml' }, region: { startLine: 1, startColumn: 11, endLine: 1, endColumn: 16 } } },
    ]);
    expect(results[2]?.locations[0].message).toEqual({ text: 'Trunk installs this CLI' });
  });

  it('turns edit fixes into SARIF fixes, grouped by file, and leaves command fixes out', () => {
    expect(results[0]?.fixes).toEqual([
      {
        description: { text: 'set opt-level = "z"' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'Cargo.toml' },
            replacements: [{ deletedRegion: { startLine: 6, startColumn: 13, endLine: 6, endColumn: 14 }, insertedContent: { text: '"z"' } }],
          },
          {
            artifactLocation: { uri: 'crlf/Cargo.toml' },
            replacements: [
              { deletedRegion: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, insertedContent: { text: '# optimised\r\n' } },
              { deletedRegion: { startLine: 3, startColumn: 1, endLine: 4, endColumn: 1 } },
            ],
          },
        ],
        properties: { applicability: 'safe' },
      },
    ]);
    expect(results[2]).not.toHaveProperty('fixes');
  });

  it('points a label-less finding at the first line of the first source, or omits locations', () => {
    expect(results[4]?.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'Cargo.toml' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 10 } },
        message: { text: 'project-wide finding: no specific line' },
      },
    ]);
    const empty: Json = JSON.parse(formatSarif(report(new SourceMap(), [diag('core/rule-crashed', 'error', 'boom')]), { rules: RULES }));
    checkLog(empty);
    expect(empty.runs[0].results[0]).not.toHaveProperty('locations');
  });

  it('stops the first-line region before a CR', () => {
    const map = new SourceMap();
    map.add('Cargo.toml', path.join(ROOT, 'Cargo.toml'), '[package]\r\nname = "x"\r\n');
    const log2: Json = JSON.parse(formatSarif(report(map, [diag('core/rule-crashed', 'error', 'boom')]), { rules: RULES }));
    expect(log2.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 10 });
  });

  it('names the run after --sarif-category only', () => {
    const log: Json = JSON.parse(formatSarif(report(new SourceMap(), []), { rules: RULES, category: 'wasm-doctor/frontend' }));
    keysAllowed('runAutomationDetails', log.runs[0].automationDetails);
    expect(log.runs[0].automationDetails).toEqual({ id: 'wasm-doctor/frontend' });
  });

  it('lists findings an inline allow silenced as in-source suppressions, after the others', () => {
    const kept = diag('wasi/target-renamed', 'error', 'kept');
    const silenced = { diagnostic: diag('wasi/target-renamed', 'error', 'silenced'), reason: 'legacy plugin' };
    const bare = { diagnostic: diag('trunk/version-mismatch', 'warning', 'no reason') };
    const log: Json = JSON.parse(formatSarif({ ...report(new SourceMap(), [kept]), suppressed: [silenced, bare] }, { rules: RULES }));
    const results = log.runs[0].results;
    expect(results.map((r: Json) => [r.message.text, r.suppressions])).toEqual([
      ['kept', undefined],
      ['silenced', [{ kind: 'inSource', justification: 'legacy plugin' }]],
      ['no reason', [{ kind: 'inSource' }]],
    ]);
    checkLog(log);
  });

  it('has no results for a clean report', () => {
    const clean: Json = JSON.parse(formatSarif(report(new SourceMap(), []), { rules: RULES }));
    checkLog(clean);
    expect(clean.runs[0].results).toEqual([]);
  });
});

describe('ruleDocFromMarkdown', () => {
  it('takes the first paragraph of "What it does" and the body without the title', () => {
    const doc = ruleDocFromMarkdown(DOC.replace(/\n/g, '\r\n'));
    expect(doc.whatItDoes).toBe('Compares the version of every wasm-bindgen CLI it can find with the wasm-bindgen crate locked in Cargo.lock.');
  });

  it('returns nothing for a doc without the section', () => {
    expect(ruleDocFromMarkdown('# a/b\n\nOnly a summary.\n')).toEqual({ whatItDoes: undefined });
    expect(ruleDocFromMarkdown('# a/b\n\n## What it does\n\nLast section, no trailing newline')).toMatchObject({ whatItDoes: 'Last section, no trailing newline' });
  });
});
