import { activeTrunkConfigs, hasVersion, wasmBuilds, bindgen, builders, builderBindgens, cargoReqAdmits, ciPins, compareVersions, describeCiPin, code, commandFix, defineRule, editFix, exactPin, lockedPackages, dependenciesOn, parseVersion, primary, replace, secondary, shellJoin } from '../../src/api.ts';
import type { BuilderBindgen, Finding, Fix, Label, Located, Severity, ToolPin, Workspace } from '../../src/api.ts';

/** The crate version the project builds with: Cargo.lock's, else an exact `=` pin (no lockfile). */
function crateVersions(ws: Workspace): { version: string; label: Label }[] {
  const locked = lockedPackages(ws, 'wasm-bindgen');
  if (ws.lockfile) return locked.map((p) => ({ version: p.version.value, label: primary(p.version.span, 'the crate is locked at this version') }));
  const pins = new Map<string, Label>();
  for (const { dep } of dependenciesOn(ws, 'wasm-bindgen')) {
    const pin = dep.req && exactPin(dep.req.value);
    if (pin && dep.req && !pins.has(pin)) pins.set(pin, primary(dep.req.span, 'the crate is pinned to this version'));
  }
  return [...pins].map(([version, label]) => ({ version, label }));
}

export function severityFor(cli: string, crate: string): Severity | undefined {
  const verdict = bindgen.compareBindgen(cli, crate);
  if (verdict === 'same-version') return undefined;
  return verdict === 'different-schema' ? 'error' : 'warning';
}

export function schemaNote(cli: string, crate: string): string {
  const verdict = bindgen.compareBindgen(cli, crate);
  if (verdict === 'different-schema') {
    return `the CLI refuses the module: \`${cli}\` reads bindgen schema \`${bindgen.schemaOf(cli)}\`, the crate \`${crate}\` writes schema \`${bindgen.schemaOf(crate)}\``;
  }
  if (verdict === 'same-schema') return `both use bindgen schema \`${bindgen.schemaOf(cli)}\`, so this works today, but Trunk, wasm-pack and cargo-leptos all fetch the exact locked version`;
  return 'wasm-doctor does not know the bindgen schema of one of these versions; the CLI aborts if the schemas differ';
}

export function mismatchFinding(cli: string, crate: string, labels: Label[], evidence: string): Finding {
  const install = ['cargo', 'install', '-f', 'wasm-bindgen-cli', '--version', crate];
  return {
    severity: severityFor(cli, crate),
    message: `wasm-bindgen CLI ${code(cli)} does not match the wasm-bindgen crate ${code(crate)}`,
    labels,
    notes: [evidence, schemaNote(cli, crate)],
    help: [`install the matching CLI: \`${shellJoin(install)}\``, `or move the crate to the CLI's version: \`cargo update -p wasm-bindgen --precise ${cli}\``],
    fix: commandFix('install the matching wasm-bindgen CLI', install),
  };
}

/**
 * Trunk runs the version its config names, so Cargo.lock is the side to move, when Cargo can take
 * `cargo update -p wasm-bindgen --precise`: one locked wasm-bindgen, a newer release every workspace
 * requirement admits, and no locked js-sys/web-sys/futures/test release that pins its own with `=`
 * (facts.md §2.3: since 0.2.96), which would refuse the move.
 */
function lockMove(ws: Workspace, cli: string, crate: string): Fix | undefined {
  if (!ws.lockfile || lockedPackages(ws, 'wasm-bindgen').length !== 1 || !parseVersion(cli) || compareVersions(cli, crate) <= 0) return undefined;
  if (dependenciesOn(ws, 'wasm-bindgen').some(({ dep }) => dep.req && cargoReqAdmits(dep.req.value, cli) !== true)) return undefined;
  const exactPins = bindgen.FAMILY.some((s) => lockedPackages(ws, s.name).some((p) => (parseVersion(p.version.value)?.patch ?? Infinity) >= bindgen.EXACT_PINS_SINCE + s.offset));
  return exactPins ? undefined : commandFix(`move Cargo.lock's wasm-bindgen to ${cli}, the version Trunk runs`, ['cargo', 'update', '-p', 'wasm-bindgen', '--precise', cli]);
}

/** A Nix pin names the version in an attribute, or next to hashes that change with it. */
function nixHelp(pin: ToolPin, locked: string): string {
  if (pin.via === 'nixpkgs') return `use ${code(`wasm-bindgen-cli_${locked.replace(/\./g, '_')}`)} if your nixpkgs has it, else \`buildWasmBindgenCli\` with \`fetchCrate { pname = "wasm-bindgen-cli"; version = "${locked}"; … }\``;
  return `set the version to ${code(locked)} and replace its hashes with the ones Nix reports`;
}

/** A CI/build-file pin (`version`: its exact version literal) against one crate version. */
function pinMismatch(pin: ToolPin, version: Located<string>, crate: { version: string; label: Label }, onlyCrate: boolean): Finding | undefined {
  const cli = version.value;
  if (!severityFor(cli, crate.version)) return undefined;
  // A version set in a variable (`env:`, `ARG`, `VAR :=`) is labelled where it is set and where it is used.
  const inCommand = version.span.file === pin.span.file && version.span.start >= pin.span.start && version.span.end <= pin.span.end;
  const labels = inCommand
    ? [primary(version.span, `\`${pin.via}\` installs this version`)]
    : [primary(version.span, 'the version is set here'), secondary(pin.span, `\`${pin.via}\` installs it`)];
  labels.push(secondary(crate.label.span, `the crate is ${crate.version}`));
  const base = mismatchFinding(cli, crate.version, labels, describeCiPin(pin, `wasm-bindgen-cli ${code(cli)}`));
  return {
    ...base,
    help: [pin.context.source === 'nix' ? nixHelp(pin, crate.version) : `pin the locked version here: ${code(crate.version)}`, `or move the crate to the CLI's version: \`cargo update -p wasm-bindgen --precise ${cli}\``],
    // With several locked versions no single edit is right; the install command still is.
    // A Nix pin is an attribute name or a version tied to a hash: only the user can change it.
    fix: pin.fixable === false ? undefined : onlyCrate ? editFix(`pin wasm-bindgen-cli ${crate.version}`, 'safe', [replace(version.span, crate.version)]) : base.fix,
  };
}

const BUILDER_NAME: Readonly<Record<builders.BundlingBuilder, string>> = { 'cargo-leptos': 'cargo-leptos', 'dioxus-cli': 'the Dioxus CLI (`dx`)' };

/** Why the builder release runs that wasm-bindgen, for the note. */
function bundledWhy(tool: builders.BundlingBuilder, release: string, b: builders.BundledBindgen): string {
  const name = BUILDER_NAME[tool];
  if (b.how === 'exact') return `${name} ${code(release)} links \`wasm-bindgen-cli-support = "=${b.version}"\` and runs that version, not the project's`;
  if (b.how === 'locked') return `${name} ${code(release)} links \`wasm-bindgen-cli-support\`, which its Cargo.lock, used by \`cargo install --locked\`, locks at ${code(b.version)}`;
  return `${name} ${code(release)} downloads wasm-bindgen ${code(b.version)} unless \`${builders.LEPTOS_DEFAULT_DOWNLOAD.override}\` is set or a \`wasm-bindgen\` is on PATH (none is installed in this job or stage)`;
}

const UPGRADE: Readonly<Record<builders.BundlingBuilder, string>> = {
  'cargo-leptos': `cargo-leptos ${builders.LEPTOS_READS_LOCK_SINCE} or later, which runs the version in Cargo.lock`,
  'dioxus-cli': `dioxus-cli ${builders.DX_INSTALLS_PROJECT_VERSION_SINCE} or later, which installs the project's version`,
};

/** A builder release that runs its own wasm-bindgen, against one crate version. */
function builderMismatch({ pin, tool, release, bundled }: BuilderBindgen, crate: { version: string; label: Label }): Finding | undefined {
  if (!severityFor(bundled.version, crate.version)) return undefined;
  const labels = [primary(release.span, `runs wasm-bindgen ${bundled.version}`), secondary(crate.label.span, `the crate is ${crate.version}`)];
  const sameSchema = bindgen.compareBindgen(bundled.version, crate.version) === 'same-schema';
  return {
    severity: severityFor(bundled.version, crate.version),
    message: `${BUILDER_NAME[tool]} ${code(release.value)} runs wasm-bindgen ${code(bundled.version)}, which does not match the wasm-bindgen crate ${code(crate.version)}`,
    labels,
    notes: [
      describeCiPin(pin, `${BUILDER_NAME[tool]} ${code(release.value)}`),
      bundledWhy(tool, release.value, bundled),
      sameSchema
        ? `both use bindgen schema \`${bindgen.schemaOf(crate.version)}\`, so this works today; a wasm-bindgen update that changes the schema breaks the build`
        : schemaNote(bundled.version, crate.version),
    ],
    help: [`install ${UPGRADE[tool]}`, `or move the crate to the builder's version: \`cargo update -p wasm-bindgen --precise ${bundled.version}\``],
  };
}

export default defineRule({
  id: 'wasm-bindgen/cli-version-mismatch',
  summary: 'a wasm-bindgen CLI differs from the wasm-bindgen crate in Cargo.lock',
  defaultSeverity: 'error',
  fix: 'sometimes',
  needs: ['tool:wasm-bindgen'],
  check({ project, workspace, tools, report }) {
    const crates = crateVersions(workspace);
    if (crates.length === 0) return;
    const cli = tools.get('wasm-bindgen');
    // The installed CLI matters to a project that builds wasm-bindgen code itself; a native tool whose
    // lockfile only carries wasm-bindgen for a dependency never runs the CLI.
    if (hasVersion(cli) && (dependenciesOn(workspace, 'wasm-bindgen').length > 0 || wasmBuilds(workspace).length > 0)) {
      for (const c of crates) {
        if (!severityFor(cli.version, c.version)) continue;
        report(mismatchFinding(cli.version, c.version, [c.label], `\`${cli.command}\` reported \`${cli.raw.trim()}\``));
      }
    }
    for (const trunk of activeTrunkConfigs(workspace)) {
      const pin = trunk.wasmBindgen;
      if (!pin) continue;
      for (const c of crates) {
        if (!severityFor(pin.value, c.version)) continue;
        const labels = [primary(pin.span, 'Trunk runs this wasm-bindgen version'), secondary(c.label.span, `the crate is ${c.version}`)];
        const finding = mismatchFinding(pin.value, c.version, labels, `Trunk uses \`[tools] wasm_bindgen\` instead of the locked version when it is set`);
        report({ ...finding, fix: lockMove(workspace, pin.value, c.version) ?? finding.fix });
      }
    }
    for (const pin of ciPins(project, workspace, 'wasm-bindgen')) {
      if (pin.pin !== 'exact' || !pin.version) continue;
      for (const c of crates) {
        const finding = pinMismatch(pin, pin.version, c, crates.length === 1);
        if (finding) report(finding);
      }
    }
    for (const b of builderBindgens(project, workspace)) {
      for (const c of crates) {
        const finding = builderMismatch(b, c);
        if (finding) report(finding);
      }
    }
  },
});
