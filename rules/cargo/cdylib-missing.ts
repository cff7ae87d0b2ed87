import { addKey, appendTable, asArray, asTable, code, defineRule, editFix, insertItem, primary, secondary, tomlGet, tomlString, wasmBuilds } from '../../src/api.ts';
import type { Fix, Label, Manifest } from '../../src/api.ts';

const CRATE_TYPE_KEY = 'crate-type';
const CRATE_TYPE_VALUE = '["cdylib", "rlib"]';
const CRATE_TYPE = `${CRATE_TYPE_KEY} = ${CRATE_TYPE_VALUE}`;

/** The edit, when the TOML result is certain: add to an existing list, add the key to `[lib]`, or append a `[lib]` table. */
function fixFor(m: Manifest): Fix | undefined {
  const list = asArray(tomlGet(m.toml, 'lib', 'crate-type'));
  if (list) return editFix('add `cdylib` to `crate-type`', 'safe', [insertItem(m.file, list, 0, tomlString('cdylib'))]);
  const lib = asTable(tomlGet(m.toml, 'lib'));
  if (lib) {
    const edit = addKey(m.file, lib, CRATE_TYPE_KEY, CRATE_TYPE_VALUE);
    return edit && editFix(`add \`${CRATE_TYPE}\` to \`[lib]\``, 'safe', [edit]);
  }
  if (m.libSpan) return undefined;
  return editFix(`add a \`[lib]\` table with \`${CRATE_TYPE}\``, 'unsafe', [appendTable(m.file, 'lib', [[CRATE_TYPE_KEY, CRATE_TYPE_VALUE]])]);
}

const evidenceNote = (file: string): string =>
  file.endsWith('package.json') ? `${code(file)} runs \`wasm-pack build\` for this crate` : `${code(file)} configures wasm-pack (\`[package.metadata.wasm-pack]\`)`;

function where(m: Manifest): Label | undefined {
  const first = m.crateTypes[0];
  if (first) return primary(first.span, 'no `cdylib` in this list');
  if (m.libSpan) return primary(m.libSpan, 'no `crate-type` here');
  return m.packageName && primary(m.packageName.span, 'this package has no `[lib]` table');
}

export default defineRule({
  id: 'cargo/cdylib-missing',
  summary: 'a crate packaged by wasm-pack has no `cdylib` in its `crate-type`',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: [],
  check({ project, workspace, report }) {
    const seen = new Set<Manifest>();
    const packaged = wasmBuilds(workspace).filter((b) => b.builder === 'wasm-pack');
    for (const build of packaged) {
      const m = build.manifest;
      if (seen.has(m) || m.crateTypes.some((t) => t.value === 'cdylib')) continue;
      seen.add(m);
      const label = where(m);
      const evidence = build.evidence.end > build.evidence.start ? [secondary(build.evidence, 'packaged by wasm-pack')] : [];
      const fix = fixFor(m);
      report({
        message: `${code(m.packageName?.value ?? m.file.path)} is packaged by wasm-pack but its library is not a ${code('cdylib')}`,
        labels: label ? [label, ...evidence] : evidence,
        notes: [
          evidenceNote(project.sources.get(build.evidence.file).path),
          'cargo writes a `.wasm` file for wasm-bindgen only for a `cdylib`; `wasm-pack build` checks this first and stops with `crate-type must be cdylib to compile to WebAssembly`',
        ],
        help: [`add ${code(CRATE_TYPE)} under ${code('[lib]')} in ${code(m.file.path)} (\`rlib\` keeps the crate usable from Rust code and tests)`],
        ...(fix ? { fix } : {}),
      });
    }
  },
});
