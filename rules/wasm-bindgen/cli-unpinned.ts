import { bindgen, ciPins, code, defineRule, describeCiPin, editFix, insertAt, lockedPackages, primary, secondary } from '../../src/api.ts';
import type { ToolPin } from '../../src/api.ts';

/** The same install, written with the locked version. */
function pinnedForm(pin: ToolPin, version: string): string {
  switch (pin.via) {
    case 'cargo install':
    case 'cargo binstall':
      return code(pin.versionInsert?.style === 'at' ? `wasm-bindgen-cli@${version}` : `${pin.via} wasm-bindgen-cli --version ${version}`);
    case 'taiki-e/install-action':
      return code(`tool: wasm-bindgen@${version}`);
    case 'cargo-make install_crate':
      return code(`install_crate = { crate_name = "wasm-bindgen-cli", version = "${version}" }`);
    default:
      return `${code(`version: "${version}"`)} in the step's \`with:\``;
  }
}

/** What "the newest release" means for this lockfile, from the schema table. */
function newestNote(locked: string): string {
  const newest = `0.2.${bindgen.NEWEST_KNOWN_BINDGEN}`;
  const verdict = bindgen.compareBindgen(newest, locked);
  const installs = `without a version it installs the newest release (\`${newest}\` or later)`;
  if (verdict === 'different-schema') return `${installs}, which reads bindgen schema \`${bindgen.schemaOf(newest)}\` while the crate \`${locked}\` writes \`${bindgen.schemaOf(locked)}\`: the CLI refuses the module`;
  if (verdict === 'unknown') return `${installs}; wasm-doctor does not know the bindgen schema of \`${locked}\`, and the CLI aborts when the schemas differ`;
  return `${installs}; it works while the newest release shares the crate's schema, and the next schema change breaks the build with no change in this repository`;
}

export default defineRule({
  id: 'wasm-bindgen/cli-unpinned',
  summary: 'CI, a Dockerfile or a build script installs wasm-bindgen-cli with no version while Cargo.lock fixes one',
  defaultSeverity: 'warning',
  fix: 'sometimes',
  needs: [],
  check({ project, workspace, report }) {
    const locked = lockedPackages(workspace, 'wasm-bindgen');
    const lock = locked[0];
    if (!lock || locked.some((p) => p.version.value !== lock.version.value)) return;
    const version = lock.version.value;
    for (const pin of ciPins(project, workspace, 'wasm-bindgen')) {
      if (pin.pin !== 'latest') continue;
      const insert = pin.versionInsert;
      report({
        message: `wasm-bindgen-cli is installed without a version while Cargo.lock locks wasm-bindgen ${code(version)}`,
        labels: [primary(pin.name ?? pin.span, 'installed with no version: the newest release'), secondary(lock.version.span, `the crate is locked at ${version}`)],
        notes: [describeCiPin(pin, 'wasm-bindgen-cli'), newestNote(version)],
        help: [`pin the locked version: ${pinnedForm(pin, version)}`],
        fix: insert ? editFix(`pin wasm-bindgen-cli ${version}`, 'safe', [insertAt(pin.span, insert.at, insert.style === 'flag' ? ` --version ${version}` : `@${version}`)]) : undefined,
      });
    }
  },
});
