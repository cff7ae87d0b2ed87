import { activeToolchain, bindgen, buildCompiles, buildEnvironments, cargoReqAdmits, code, commandFix, compareVersions, compiledCrates, defineRule, describeBuild, describePath, editFix, envBuilds, envToolchain, exactPin, lockedInBuild, packageKey, parseVersion, plainPageBuilds, primary, replace, rust, secondary, selfContained, wasmBuilds } from '../../src/api.ts';
import type { Finding, Fix, Label, LockedPackage, Lockfile, LockPath, Located, Project, Span, ToolSet, WasmBuild, Workspace } from '../../src/api.ts';

const TARGET = 'wasm32-unknown-unknown';
/** Direct dependencies that make a plain `index.html` beside the crate a Trunk build (facts.md §6, §7). */
const BROWSER_CRATES = ['wasm-bindgen', 'js-sys', 'web-sys', 'wasm-bindgen-futures', 'yew'];

/** A wasm-bindgen version a wasm32-unknown-unknown build compiles, and where it is fixed. */
interface BindgenUse {
  readonly version: string;
  readonly patch: number;
  readonly label: Label;
  /** the first build that compiles it */
  readonly build: WasmBuild;
  /** the builds that compile this locked version, in order (none without a lockfile) */
  readonly builds: WasmBuild[];
}

/** Requirement queries throw on an invalid requirement; that reads as "unknown". */

/** The registry wasm-bindgen entries of a lock, one per version (the one its references resolve to). */
function lockedBindgens(lock: Lockfile): LockedPackage[] {
  const byVersion = new Map<string, LockedPackage>();
  for (const p of lock.packages) if (p.name === 'wasm-bindgen' && !byVersion.has(p.version.value)) byVersion.set(p.version.value, p);
  return [...byVersion.values()].filter((p) => p.source !== undefined);
}

/** Locked wasm-bindgen entries the builds compile; without a lockfile, exact `=` pins in the crates they compile. */
function bindgenUses(ws: Workspace, builds: readonly WasmBuild[]): BindgenUse[] {
  const out = new Map<string, BindgenUse>();
  const add = (version: string, span: Span, how: string, build: WasmBuild, locked: boolean) => {
    const patch = bindgen.bindgenPatch(version);
    const seen = out.get(version);
    if (seen && locked && !seen.builds.includes(build)) seen.builds.push(build);
    if (patch !== undefined && !seen) out.set(version, { version, patch, label: primary(span, how), build, builds: locked ? [build] : [] });
  };
  const locked = ws.lockfile ? lockedBindgens(ws.lockfile) : [];
  for (const build of builds) {
    if (ws.lockfile) {
      for (const pkg of locked) if (buildCompiles(ws, build, pkg)) add(pkg.version.value, pkg.version.span, 'locked here', build, true);
    } else {
      for (const dep of compiledCrates(ws, build).flatMap((c) => c.deps)) {
        const req = dep.name === 'wasm-bindgen' && dep.pathDir === undefined ? dep.req : undefined;
        const pin = req && exactPin(req.value);
        if (req && pin) add(pin, req.span, 'pinned here', build, false);
      }
    }
  }
  return [...out.values()];
}

/** Requirements on wasm-bindgen in the workspace that do not admit `minimum` (an `=0.2.84` pin, `<0.2.85`). */
function holdingBack(ws: Workspace, minimum: string): Located<string>[] {
  const out = new Map<string, Located<string>>();
  for (const d of ws.members.flatMap((m) => m.dependencies)) {
    const req = d.name === 'wasm-bindgen' ? d.req : undefined;
    if (req && cargoReqAdmits(req.value, minimum) === false) out.set(`${req.span.file}:${req.span.start}`, req);
  }
  return [...out.values()];
}

/** What to do: update the lock, or lift the requirements that hold wasm-bindgen back. */
function update(ws: Workspace, minimum: string): { help: string[]; fix: Fix } {
  const pins = holdingBack(ws, minimum);
  if (pins.length > 0) {
    return {
      help: [`require wasm-bindgen ${code(minimum)} or later instead of ${pins.map((p) => code(p.value)).join(', ')}, then rebuild (the wasm-bindgen CLI must follow)`],
      fix: editFix(`require wasm-bindgen ${minimum}`, 'unsafe', pins.map((p) => replace(p.span, `"${minimum}"`))),
    };
  }
  const argv = ['cargo', 'update', '-p', 'wasm-bindgen'];
  return {
    help: [`update wasm-bindgen to ${code(minimum)} or later: \`${argv.join(' ')}\` (the wasm-bindgen CLI must follow)`],
    fix: commandFix('update wasm-bindgen', argv),
  };
}

interface Context {
  readonly ws: Workspace;
  readonly sources: Project['sources'];
}

/** A toolchain that builds the workspace's wasm: this machine's (or the rust-toolchain file's), or a CI job's or Dockerfile stage's. */
interface Judge {
  readonly pin: rust.ToolchainPin;
  readonly span?: Span;
  readonly spanLabel: string;
  /** "this project builds with Rust 1.80 (`1.80.0`)" */
  readonly builtWith: string;
  /** the build command of a CI job or Dockerfile stage */
  readonly extra: readonly Label[];
}

const toolchainLabel = (judge: Judge): Label[] => (judge.span ? [secondary(judge.span, judge.spanLabel)] : []);
const toolchainNote = (judge: Judge): string => judge.builtWith;

/** Rust 1.86+ rejects the legacy C ABI of wasm-bindgen before 0.2.88 (facts.md §3.2). */
function legacyAbi({ ws, sources }: Context, use: BindgenUse, active: Judge): Finding | undefined {
  const { fixedIn, recommend, errorSinceRust } = bindgen.C_ABI;
  if (use.patch >= fixedIn || rust.atLeast(active.pin, errorSinceRust) !== true) return undefined;
  return {
    message: `wasm-bindgen ${code(use.version)} is rejected by Rust 1.${errorSinceRust} and later on ${code(TARGET)}`,
    labels: [use.label, ...toolchainLabel(active)],
    notes: [
      `wasm-bindgen before 0.2.88 relies on the legacy \`extern "C"\` ABI of \`${TARGET}\`, which Rust 1.${errorSinceRust} made a hard error: "older versions of the \`wasm-bindgen\` crate are incompatible with current versions of Rust; please update to \`wasm-bindgen\` v0.2.88"`,
      toolchainNote(active),
      describeBuild(use.build, sources),
      `0.2.88 itself is yanked, so ${recommend} is the first release to use`,
    ],
    ...update(ws, recommend),
  };
}

/** The constructor crate a build's workspace code uses directly, at a release that registers constructors on wasm. */
function ctorUse(ws: Workspace, use: BindgenUse): LockPath | undefined {
  // Each lock entry counts with the path of the first build that compiles it.
  const seen = new Set<string>();
  for (const compiled of use.builds.map((b) => lockedInBuild(ws, b))) {
    for (const pkg of compiled.packages()) {
      const key = packageKey(pkg);
      if (seen.has(key)) continue;
      seen.add(key);
      const ctor = bindgen.CTORS.crates.find((c) => c.name === pkg.name);
      if (!ctor || !parseVersion(pkg.version.value) || compareVersions(pkg.version.value, ctor.from) < 0) continue;
      const path = compiled.pathTo(pkg);
      if (path.length > 1 && path.slice(0, -1).every((p) => p.source === undefined)) return path;
    }
  }
  return undefined;
}

/** Rust 1.85+ constructors make the interpreter of wasm-bindgen ≤0.2.100 panic (facts.md §3.3). */
function staticConstructors({ ws, sources }: Context, use: BindgenUse, active: Judge): Finding | undefined {
  const { lastBroken, fixed, sinceRust } = bindgen.CTORS;
  if (use.patch > lastBroken || rust.atLeast(active.pin, sinceRust) !== true) return undefined;
  const path = ctorUse(ws, use);
  const ctor = path?.[path.length - 1];
  if (!path || !ctor) return undefined;
  return {
    severity: 'warning',
    message: `wasm-bindgen ${code(use.version)} can panic on the static constructors of ${code(ctor.name)} with Rust 1.${sinceRust} and later`,
    labels: [use.label, secondary(ctor.version.span, `${ctor.name} ${ctor.version.value} registers constructors in \`.init_array\``)],
    notes: [
      `from Rust 1.${sinceRust} exported functions call \`__wasm_call_ctors\`, and the interpreter of wasm-bindgen 0.2.${lastBroken} and older panics running it: "Read a negative address value from the stack. Did we run out of memory?"`,
      `workspace code uses it directly: ${describePath(path)}`,
      toolchainNote(active),
      describeBuild(use.build, sources),
    ],
    ...update(ws, fixed),
  };
}

/** 0.2.102–0.2.103 cannot find their externref intrinsics on Rust 1.82/1.83 (facts.md §3.1). */
function referenceTypes({ ws, sources }: Context, use: BindgenUse, active: Judge): Finding | undefined {
  const { broken, rust: minors, fixed } = bindgen.REFERENCE_TYPES;
  const pin = active.pin;
  if (!broken.includes(use.patch) || pin.kind !== 'versioned' || pin.channel !== 'stable' || !minors.includes(pin.minor)) return undefined;
  return {
    message: `wasm-bindgen ${code(use.version)} fails on Rust 1.${pin.minor} for ${code(TARGET)}`,
    labels: [use.label, ...toolchainLabel(active)],
    notes: [
      `wasm-bindgen 0.2.102 and 0.2.103 compile their externref support only under \`cfg(target_feature = "reference-types")\`, which Rust 1.82 and 1.83 turn on for \`${TARGET}\` but cannot report (the feature was unstable until 1.84), so the CLI stops with "failed to find intrinsics to enable \`clone_ref\` function"; ${fixed} fixed it`,
      toolchainNote(active),
      describeBuild(use.build, sources),
    ],
    ...update(ws, fixed),
  };
}

type Check = (ctx: Context, use: BindgenUse, judge: Judge) => Finding | undefined;
const CHECKS: readonly Check[] = [legacyAbi, staticConstructors, referenceTypes];

const sameSpan = (a: Span, b: Span): boolean => a.file === b.file && a.start === b.start && a.end === b.end;

/** One finding per check and locked version: further toolchains that hit it add their labels and a note. */
class Findings {
  private readonly byKey = new Map<string, Finding>();
  add(key: string, judge: Judge, found: Finding | undefined): void {
    if (!found) return;
    const seen = this.byKey.get(key);
    const labels = seen ? [...(seen.labels ?? []), ...toolchainLabel(judge), ...judge.extra] : [...(found.labels ?? []), ...judge.extra];
    const unique = labels.filter((l, i) => labels.findIndex((o) => sameSpan(o.span, l.span)) === i);
    this.byKey.set(key, seen ? { ...seen, labels: unique, notes: [...(seen.notes ?? []), judge.builtWith] } : { ...found, labels: unique });
  }
  all(): Finding[] {
    return [...this.byKey.values()];
  }
}

/**
 * `cargo build --target wasm32-unknown-unknown`, `wasm-pack build|test` and `trunk build` in CI
 * jobs and Dockerfile stages, each judged with the toolchain that job or stage selects.
 */
function environmentJudges(project: Project, ws: Workspace, tools: ToolSet): { builds: WasmBuild[]; judge: Judge }[] {
  const out: { builds: WasmBuild[]; judge: Judge }[] = [];
  for (const env of buildEnvironments(project).filter(selfContained)) {
    for (const eb of envBuilds(project, ws, env).filter((b) => b.build.target === TARGET)) {
      const toolchain = envToolchain(ws, tools, eb.command);
      for (const pin of toolchain?.pins ?? []) {
        const extra = [secondary(eb.command.span, `${env.label} builds this for \`${TARGET}\``), ...(eb.command.calledAt ? [secondary(eb.command.calledAt, 'the job runs it from here')] : [])];
        out.push({ builds: [eb.build], judge: { pin, ...(toolchain?.span ? { span: toolchain.span } : {}), spanLabel: `toolchain of ${env.label}`, builtWith: `${env.label} builds it with ${toolchain?.described}`, extra } });
      }
    }
  }
  return out;
}

export default defineRule({
  id: 'wasm-bindgen/too-old',
  summary: 'the locked or pinned wasm-bindgen is too old for the Rust toolchain that builds it',
  defaultSeverity: 'error',
  fix: 'always',
  needs: ['tool:rustc'],
  check({ workspace, project, tools, report }) {
    const ctx = { ws: workspace, sources: project.sources };
    const builds = [...wasmBuilds(workspace).filter((b) => b.target === TARGET), ...plainPageBuilds(workspace, BROWSER_CRATES)];
    const active = activeToolchain(workspace, tools);
    const local: Judge = { pin: active.pin, ...(active.span ? { span: active.span } : {}), spanLabel: 'the toolchain', builtWith: `this project builds with ${rust.describePin(active.pin)}`, extra: [] };
    const findings = new Findings();
    for (const { builds: these, judge } of [...(builds.length > 0 ? [{ builds, judge: local }] : []), ...environmentJudges(project, workspace, tools)]) {
      for (const use of bindgenUses(workspace, these)) {
        CHECKS.forEach((check, i) => findings.add(`${i}:${use.version}`, judge, check(ctx, use, judge)));
      }
    }
    for (const f of findings.all()) report(f);
  },
});
