import { bindgen, code, commandFix, compatKey, defineRule, lockedPackages, parseVersion, primary, resolveRef, secondary, shellJoin } from '../../src/api.ts';
import type { Finding, LockedPackage, Lockfile, Workspace } from '../../src/api.ts';

type Sibling = (typeof bindgen.FAMILY)[number];

/** The wasm-bindgen entry a sibling's lock entry depends on. */
const bindgenOf = (lock: Lockfile, pkg: LockedPackage): LockedPackage | undefined =>
  pkg.dependencies.map((ref) => resolveRef(lock, ref)).find((d) => d?.name === 'wasm-bindgen');

const patchOf = (version: string): number | undefined => {
  const m = /^\d+\.\d+\.(\d+)$/.exec(version);
  return m ? Number(m[1]) : undefined;
};

/** The wasm-bindgen release a sibling version came out with, when the verified mapping covers it. */
function releasedWith(sibling: Sibling, version: string): number | undefined {
  const patch = patchOf(version);
  const n = patch === undefined ? undefined : patch - sibling.offset;
  return n !== undefined && n >= bindgen.FAMILY_FIRST_VERIFIED && n <= bindgen.NEWEST_KNOWN_BINDGEN ? n : undefined;
}

/** Siblings released before wasm-bindgen 0.2.96 require it with a caret; later ones pin it with `=`. */
function caretEra(sibling: Sibling, version: string): boolean | undefined {
  const patch = patchOf(version);
  return patch === undefined ? undefined : patch < bindgen.EXACT_PINS_SINCE + sibling.offset;
}

/** `cargo update -p` spec: the name, or `name@version` when the lock has several. */
const spec = (ws: Workspace, pkg: LockedPackage): string => (lockedPackages(ws, pkg.name).length > 1 ? `${pkg.name}@${pkg.version.value}` : pkg.name);

function eraNote(caret: boolean | undefined): string[] {
  if (caret === undefined) return [];
  return [
    caret
      ? `it builds, because releases before 0.2.${bindgen.EXACT_PINS_SINCE} require wasm-bindgen with a caret, but the bindings and the wasm-bindgen they call come from different releases`
      : `releases since 0.2.${bindgen.EXACT_PINS_SINCE} require their exact wasm-bindgen (\`=\`), so Cargo will not build with this lock as it is`,
  ];
}

function drift(ws: Workspace, sibling: Sibling, pkg: LockedPackage, wb: LockedPackage, expected: string): Finding {
  const n = releasedWith(sibling, pkg.version.value);
  const together = ['wasm-bindgen', ...bindgen.FAMILY.map((f) => f.name)].filter((name) => lockedPackages(ws, name).length > 0);
  const whole = ['cargo', 'update', ...together.flatMap((name) => ['-p', name])];
  const precise = ['cargo', 'update', '-p', spec(ws, pkg), '--precise', expected];
  const yanked = bindgen.YANKED.has(wb.version.value);
  return {
    message: `${code(sibling.name)} ${code(pkg.version.value)} does not match wasm-bindgen ${code(wb.version.value)} (expected ${code(expected)})`,
    labels: [primary(pkg.version.span, 'locked here'), secondary(wb.version.span, `wasm-bindgen ${wb.version.value}`)],
    notes: [
      `js-sys, web-sys, wasm-bindgen-futures and wasm-bindgen-test are released in lock-step with wasm-bindgen: 0.2.N goes with js-sys and web-sys 0.3.(N-23), wasm-bindgen-futures 0.4.(N-50) and wasm-bindgen-test 0.3.(N-50)${n === undefined ? '' : `, so \`${sibling.name} ${pkg.version.value}\` belongs to wasm-bindgen 0.2.${n}`}`,
      ...eraNote(caretEra(sibling, pkg.version.value)),
    ],
    help: yanked
      ? [`wasm-bindgen ${code(wb.version.value)} is yanked; update the family together: \`${shellJoin(whole)}\``]
      : [`move it to the matching release: \`${shellJoin(precise)}\``, `or update the family together: \`${shellJoin(whole)}\``],
    ...(yanked ? {} : { fix: commandFix(`move ${sibling.name} to ${expected}`, precise) }),
  };
}

export default defineRule({
  id: 'wasm-bindgen/crate-family-drift',
  summary: 'js-sys, web-sys, wasm-bindgen-futures or wasm-bindgen-test are locked at a release that does not go with the locked wasm-bindgen',
  defaultSeverity: 'warning',
  fix: 'sometimes',
  needs: [],
  check({ workspace, report }) {
    const lock = workspace.lockfile;
    if (!lock) return;
    for (const sibling of bindgen.FAMILY) {
      for (const pkg of lockedPackages(workspace, sibling.name)) {
        if (pkg.source === undefined || !parseVersion(pkg.version.value) || compatKey(pkg.version.value) !== sibling.minor) continue;
        const wb = bindgenOf(lock, pkg);
        const expected = wb && bindgen.siblingFor(sibling.name, wb.version.value);
        if (wb && expected && expected !== pkg.version.value) report(drift(workspace, sibling, pkg, wb, expected));
      }
    }
  },
});
