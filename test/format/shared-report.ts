/** The hand-built report every formatter test renders (design.md §5.5): several files, a CRLF
 * source, non-ASCII lines, primary and secondary labels and hostile text. */
import * as path from 'node:path';
import type { Diagnostic, Label, RuleId, Severity, Span } from '../../src/diagnostic/types.ts';
import { summarize, type Report } from '../../src/engine/report.ts';
import { SourceMap, type SourceFile } from '../../src/syntax/source.ts';

export const ROOT = path.resolve('/ws/app');
export const WORKSPACE = path.resolve('/ws');
export const HOSTILE_PATH = 'we,ird:dir/100%\nCargo.toml';
export const HOSTILE_MESSAGE = 'bad value\n::add-mask::x\r\n##[error]y %0A';

const CARGO = '[package]\nname = "app"\nversion = "0.1.0"\n\n[profile.release]\nopt-level = 3\n';
const CRLF = '[package]\r\nname = "crlf"\r\nedition = "2018"\r\n';
const TRUNK = '# café 🚀 build\n[tools]\nwasm_bindgen = "0.2.92" # 🚀 pinned\n';

export function sources(): { map: SourceMap; cargo: SourceFile; crlf: SourceFile; trunk: SourceFile; hostile: SourceFile } {
  const map = new SourceMap();
  const cargo = map.add('Cargo.toml', path.join(ROOT, 'Cargo.toml'), CARGO);
  const crlf = map.add('crlf/Cargo.toml', path.join(ROOT, 'crlf', 'Cargo.toml'), CRLF);
  const trunk = map.add('Trunk.toml', path.join(ROOT, 'Trunk.toml'), TRUNK);
  const hostile = map.add(HOSTILE_PATH, path.join(ROOT, ...HOSTILE_PATH.split('/')), '[package]\nname = "x"\n');
  return { map, cargo, crlf, trunk, hostile };
}

export const spanOf = (file: SourceFile, needle: string, from = 0): Span => {
  const start = file.text.indexOf(needle, from);
  if (start < 0) throw new Error(`${needle} not in ${file.path}`);
  return { file: file.id, start, end: start + needle.length };
};
export const primary = (span: Span, message?: string): Label => ({ span, message, primary: true });
export const secondary = (span: Span, message?: string): Label => ({ span, message, primary: false });

export function diag(ruleId: string, severity: Severity, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: ruleId as RuleId, severity, message, labels: [], notes: [], help: [], ...extra };
}

export function report(map: SourceMap, diagnostics: Diagnostic[], root = ROOT): Report {
  return { tool: { name: 'wasm-doctor', version: '0.1.0' }, root, sources: map, tools: [], diagnostics, summary: summarize(diagnostics), crashed: false };
}


/** Findings both the GitHub and the SARIF tests render: a CRLF source and a Trunk pin with secondary labels and a command fix. */
export function sharedDiagnostics(files: { cargo: SourceFile; crlf: SourceFile; trunk: SourceFile }): Diagnostic[] {
  const { cargo, crlf, trunk } = files;
  return [
    diag('wasi/target-renamed', 'info', 'edition 2018 in a CRLF manifest', { labels: [primary(spanOf(crlf, '"2018"'))] }),
    diag('wasm-bindgen/cli-version-mismatch', 'error', 'wasm-bindgen CLI `0.2.92` does not match the crate `0.2.93`', {
      labels: [primary(spanOf(trunk, '"0.2.92"'), 'Trunk installs this CLI'), secondary(spanOf(cargo, 'name = "app"'), 'in this package'), secondary(spanOf(trunk, 'build'))],
      notes: ['Trunk fetches the exact version'],
      help: ['set `wasm_bindgen = "0.2.93"`'],
      fix: { kind: 'command', title: 'install the matching CLI', argv: ['cargo', 'install', '-f', 'wasm-bindgen-cli', '--version', '0.2.93'] },
    }),
  ];
}
