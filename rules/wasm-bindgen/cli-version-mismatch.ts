import { activeTrunkConfigs, wasmBuilds, bindgen, cargoReqAdmits, ciPins, compareVersions, describeCiPin, code, commandFix, defineRule, editFix, exactPin, lockedPackages, dependenciesOn, parseVersion, primary, replace, secondary, shellJoin } from '../../src/api.ts';
import type { Finding, Fix, Label, Located, Severity, ToolPin, Workspace } from '../../src/api.ts';

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
    help: [`pin the locked version here: ${code(crate.version)}`, `or move the crate to the CLI's version: \`cargo update -p wasm-bindgen --precise ${cli}\``],
    // With several locked versions no single edit is right; the install command still is.
    fix: onlyCrate ? editFix(`pin wasm-bindgen-cli ${crate.version}`, 'safe', [replace(version.span, crate.version)]) : base.fix,
  };
}

export default defineRule({
  id: 'wasm-bindgen/cli-version-mismatch',
  summary: 'a wasm-bindgen CLI differs from the wasm-bindgen crate in Cargo.lock',
  defaultSeverity: 'error',
  fix: 'always',
  needs: ['tool:wasm-bindgen'],
  check({ project, workspace, tools, report }) {
    const crates = crateVersions(workspace);
    if (crates.length === 0) return;
    const cli = tools.get('wasm-bindgen');
    // The installed CLI matters to a project that builds wasm-bindgen code itself; a native tool whose
    // lockfile only carries wasm-bindgen for a dependency never runs the CLI.
    if (cli.ok && (dependenciesOn(workspace, 'wasm-bindgen').length > 0 || wasmBuilds(workspace).length > 0)) {
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
  },
});
