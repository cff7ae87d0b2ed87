/** Reading CI workflows, Dockerfiles, Makefiles, scripts and version files into pins and target uses. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CiConfig } from '../../src/workspace/model.ts';
import { readCargoMake } from '../../src/ci/cargo-make.ts';
import { readDockerfile } from '../../src/ci/dockerfile.ts';
import { readMakefile } from '../../src/ci/makefile.ts';
import { readPackageJson } from '../../src/ci/package-json.ts';
import { predictBuilds } from '../../src/analysis/predict.ts';
import { buildEnvironments, describeEnvironments } from '../../src/analysis/environments.ts';
import { ciPins, ciTargetUses, pinWorkspace } from '../../src/analysis/ci-queries.ts';
import { readWorkflow } from '../../src/ci/workflow.ts';
import { parseYamlFast } from '../../src/syntax/yaml/fast.ts';
import { parseYamlFull } from '../../src/syntax/yaml/full.ts';
import { readMise, readToolVersions } from '../../src/ci/version-files.ts';
import { loadProject } from '../../src/workspace/load.ts';
import { SourceMap, type SourceFile } from '../../src/syntax/source.ts';
import { parseToml } from '../../src/syntax/toml/toml.ts';
import { toolSetFrom } from '../../src/probe/stub.ts';

const source = (path: string, text: string): SourceFile => new SourceMap().add(path, `/repo/${path}`, text);
const at = (f: SourceFile, span: { start: number; end: number } | undefined) => (span ? f.text.slice(span.start, span.end) : undefined);

/** Pins as `tool pin version-literal-as-written`, targets as `target kind literal`. */
function summary(f: SourceFile, ci: CiConfig) {
  return {
    pins: ci.pins.map((p) => `${p.tool} ${p.pin} ${at(f, p.version?.span) ?? '-'}`),
    targets: ci.targets.map((t) => `${t.target} ${t.kind} ${at(f, t.span)}`),
  };
}

/** parseYaml without the dynamic import, so these tests stay synchronous. */
const parseYaml = (f: SourceFile) => parseYamlFast(f) ?? parseYamlFull(f);

function workflow(text: string) {
  const f = source('.github/workflows/ci.yml', text);
  const parsed = parseYaml(f);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { f, ci: readWorkflow(f, parsed.root, '/repo') };
}

describe('workflows', () => {
  test('run scripts: continuations, && chains, quotes, comments and env variables', () => {
    const { f, ci } = workflow(`env:
  WBG: "0.2.93"
jobs:
  web:
    steps:
      # - run: cargo install wasm-bindgen-cli --version 0.1.0
      - run: |
          # cargo install wasm-bindgen-cli --version 0.1.1
          cargo install \\
            wasm-bindgen-cli --version "$WBG" && cargo binstall trunk@0.21.14 wasm-pack --no-confirm # wasm-bindgen-cli@0.1.2
          echo "don't" ; cargo install wasm-bindgen-cli --vers=\${{ env.WBG }}
          cargo install --git https://example.com/x wasm-bindgen-cli
`);
    expect(summary(f, ci).pins).toEqual(['wasm-bindgen exact 0.2.93', 'trunk exact 0.21.14', 'wasm-pack latest -', 'wasm-bindgen exact 0.2.93', 'wasm-bindgen unknown -']);
    expect(ci.pins[0]?.context.job).toBe('web');
  });

  test('matrix values are expanded with their own spans; 1.80 stays 1.80', () => {
    const { f, ci } = workflow(`jobs:
  build:
    strategy:
      matrix:
        rust: [stable, 1.80]
        target: [wasm32-wasi, wasm32-unknown-unknown]
        include:
          - { target: wasm32-wasip2 }
    steps:
      - uses: dtolnay/rust-toolchain@master
        with:
          toolchain: \${{ matrix.rust }}
          targets: \${{ matrix.target }}
      - if: matrix.target == 'wasm32-wasi'
        run: cargo build --target \${{ matrix.target }} && cp target/\${{ matrix.target }}/release/a.wasm out/
        env:
          CARGO_TARGET_WASM32_WASI_RUNNER: wasmtime
`);
    const s = summary(f, ci);
    expect(s.pins).toEqual(['rust latest stable', 'rust exact 1.80']);
    expect(ci.pins[1]?.context.toolchains.map((t) => t.value)).toEqual(['stable', '1.80']);
    expect(new Set(s.targets)).toEqual(new Set(['wasm32-wasi action-input wasm32-wasi', 'wasm32-unknown-unknown action-input wasm32-unknown-unknown', 'wasm32-wasip2 action-input wasm32-wasip2', 'wasm32-wasi target-flag wasm32-wasi', 'wasm32-unknown-unknown target-flag wasm32-unknown-unknown', 'wasm32-wasip2 target-flag wasm32-wasip2', 'wasm32-wasi output-path wasm32-wasi', 'wasm32-unknown-unknown output-path wasm32-unknown-unknown', 'wasm32-wasip2 output-path wasm32-wasip2']));
  });

  test('actions: jetli, taiki-e lists, toolchain refs, and shell commands in other actions', () => {
    const { f, ci } = workflow(`jobs:
  a:
    steps:
      - uses: dtolnay/rust-toolchain@1.81
        with: { target: wasm32-wasi }
      - uses: jetli/wasm-bindgen-action@v0.2.0
      - uses: jetli/wasm-pack-action@v0.4.0
        with:
          version: "v0.13.1"
      - uses: taiki-e/install-action@v2
        with:
          tool: cargo-hack, wasm-bindgen@0.2.100,trunk
      - uses: taiki-e/install-action@wasm-bindgen
      - uses: nick-fields/retry@v3
        with:
          command: cargo binstall wasm-bindgen-cli --no-confirm
`);
    expect(summary(f, ci).pins).toEqual(['rust exact 1.81', 'wasm-bindgen latest -', 'wasm-pack exact 0.13.1', 'wasm-bindgen exact 0.2.100', 'trunk latest -', 'wasm-bindgen latest -', 'wasm-bindgen latest -']);
    expect(summary(f, ci).targets).toEqual(['wasm32-wasi action-input wasm32-wasi']);
    const taiki = ci.pins.find((p) => p.via === 'taiki-e/install-action' && p.tool === 'trunk');
    expect(at(f, taiki?.name)).toBe('trunk');
    expect(taiki?.versionInsert).toEqual({ at: taiki?.name?.end, style: 'at' });
  });

  test('anchors, aliases, merge keys and CRLF', () => {
    const { f, ci } = workflow(
      'jobs:\r\n  a:\r\n    steps:\r\n      - &wbg\r\n        uses: jetli/wasm-bindgen-action@v0.2.0\r\n        with:\r\n          version: "0.2.92"\r\n  b:\r\n    steps:\r\n      - *wbg\r\n      - <<: *wbg\r\n        name: again\r\n      - run: >\r\n          cargo install\r\n          wasm-bindgen-cli --version 0.2.91\r\n',
    );
    expect(summary(f, ci).pins).toEqual(['wasm-bindgen exact 0.2.92', 'wasm-bindgen exact 0.2.92', 'wasm-bindgen exact 0.2.92', 'wasm-bindgen exact 0.2.91']);
    expect(ci.pins.map((p) => p.context.job)).toEqual(['a', 'b', 'b', 'b']);
  });

  test('invalid YAML is an error with a position', () => {
    const parsed = parseYaml(source('.github/workflows/ci.yml', 'jobs:\n  a: [x,\n  b: 1\n'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.offset).toBeGreaterThan(0);
  });
});

describe('Dockerfiles', () => {
  test('FROM rust:<version> is the stage toolchain; ARG values; comment lines inside a continuation', () => {
    const f = source(
      'Dockerfile',
      'ARG RUST=1.85\nFROM rust:${RUST}-slim AS build\nARG WBG=0.2.93\nRUN --mount=type=cache,target=/x cargo install \\\n# wasm-bindgen-cli --version 0.1.0 \\\n    wasm-bindgen-cli --version ${WBG} \\\n && rustup target add wasm32-wasi\nFROM build AS test\nRUN cargo build --target wasm32-wasi\nFROM docker.io/library/rust AS latest\nFROM rustlang/rust:nightly-slim AS nightly\nFROM debian AS copy\nCOPY --from=build /app/target/wasm32-wasi/release/a.wasm /\n',
    );
    const ci = readDockerfile(f, '/repo');
    expect(summary(f, ci)).toEqual({
      pins: ['wasm-bindgen exact 0.2.93'],
      targets: ['wasm32-wasi rustup-target-add wasm32-wasi', 'wasm32-wasi output-path wasm32-wasi', 'wasm32-wasi target-flag wasm32-wasi'],
    });
    // the path copied `--from=build` was built there, with that stage's toolchain
    expect(ci.targets.map((t) => `${t.context.job}: ${t.context.toolchains.map((x) => x.value).join(',')}`)).toEqual(['build: 1.85', 'build: 1.85', 'test: 1.85']);
  });
});

describe('Makefiles, justfiles, scripts and version files', () => {
  test('each recipe line is its own shell; variables; special targets are not recipes', () => {
    const f = source('Makefile', 'V := 0.2.93\n.PHONY: setup\nsetup:\n\tcd web && cargo install wasm-bindgen-cli --version $(V)\n\t@cargo install trunk\n');
    const ci = readMakefile(f, '/repo', 'makefile');
    expect(summary(f, ci).pins).toEqual(['wasm-bindgen exact 0.2.93', 'trunk latest -']);
    expect(ci.pins.map((p) => `${p.context.job} ${p.dir}`)).toEqual(['setup /repo/web', 'setup /repo']);
  });

  test('justfile variables', () => {
    const f = source('justfile', "v := '0.2.93'\nbuild:\n    cargo binstall wasm-bindgen-cli@{{v}}\n");
    expect(summary(f, readMakefile(f, '/repo', 'justfile')).pins).toEqual(['wasm-bindgen exact 0.2.93']);
  });

  test('package.json scripts with escaped quotes', () => {
    const f = source('package.json', '{ "scripts": { "setup": "cargo install wasm-bindgen-cli --version \\"0.2.93\\" && rustup target add wasm32-wasi" } }');
    expect(summary(f, readPackageJson(f, '/repo'))).toEqual({ pins: ['wasm-bindgen exact 0.2.93'], targets: ['wasm32-wasi rustup-target-add wasm32-wasi'] });
  });

  test('cargo-make tasks', () => {
    const f = source('Makefile.toml', '[env]\nV = "0.2.93"\n[tasks.a]\ncommand = "cargo"\nargs = ["install", "wasm-bindgen-cli", "--version", "${V}"]\n[tasks.b]\ninstall_crate = { crate_name = "wasm-bindgen-cli", version = "0.2.92" }\n[tasks.c]\nscript = """\ncargo build --target wasm32-wasi\n"""\n');
    const parsed = parseToml(f);
    if (!parsed.ok) throw new Error('toml');
    expect(summary(f, readCargoMake(f, '/repo', parsed.root))).toEqual({ pins: ['wasm-bindgen exact 0.2.93', 'wasm-bindgen exact 0.2.92'], targets: ['wasm32-wasi target-flag wasm32-wasi'] });
  });

  test('.tool-versions and mise.toml', () => {
    const tv = source('.tool-versions', '# rust 1.70.0\nrust 1.80.0\nwasm-bindgen 0.2.93\nnodejs 20\n');
    expect(summary(tv, readToolVersions(tv, '/repo')).pins).toEqual(['rust exact 1.80.0', 'wasm-bindgen exact 0.2.93']);
    const mise = source('mise.toml', '[tools]\nrust = "1.85"\n"cargo:wasm-bindgen-cli" = "0.2.100"\ntrunk = "latest"\n');
    const parsed = parseToml(mise);
    if (!parsed.ok) throw new Error('toml');
    expect(summary(mise, readMise(mise, '/repo', parsed.root)).pins).toEqual(['rust exact 1.85', 'wasm-bindgen exact 0.2.100', 'trunk latest -']);
  });
});

/** A temporary repository with the given files. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wd-ci-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const manifest = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\n\n[dependencies]\nwasm-bindgen = "0.2"\n`;
const lock = (name: string, v: string) => `version = 4\n\n[[package]]\nname = "${name}"\nversion = "0.1.0"\ndependencies = ["wasm-bindgen"]\n\n[[package]]\nname = "wasm-bindgen"\nversion = "${v}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`;

describe('loading and ownership', () => {
  test('workflows count at the root and at workspace roots only; invalid YAML is an issue', async () => {
    const dir = repo({
      'a/Cargo.toml': manifest('a'),
      'a/Cargo.lock': lock('a', '0.2.93'),
      'a/.github/workflows/ci.yml': 'jobs:\n  x:\n    steps:\n      - run: cargo install wasm-bindgen-cli --version 0.2.92\n',
      'docs/.github/workflows/ci.yml': 'jobs:\n  x:\n    steps:\n      - run: cargo install wasm-bindgen-cli --version 0.2.10\n',
      '.github/workflows/bad.yml': 'jobs: [\n',
    });
    const { project, issues } = await loadProject(dir);
    expect(project.ci.pins.map((p) => p.version?.value)).toEqual(['0.2.92']);
    expect(issues.map((i) => i.rule)).toEqual(['core/invalid-yaml']);
  });

  test('a pin belongs to the workspace it points into, else to agreeing lockfiles, else to none', async () => {
    const dir = repo({
      'web/Cargo.toml': manifest('web'),
      'web/Cargo.lock': lock('web', '0.2.93'),
      'tool/Cargo.toml': manifest('tool'),
      'tool/Cargo.lock': lock('tool', '0.2.100'),
      '.github/workflows/ci.yml': 'jobs:\n  x:\n    steps:\n      - run: cargo install wasm-bindgen-cli --version 0.2.92\n        working-directory: web\n      - run: cargo install wasm-bindgen-cli --version 0.2.91\n',
    });
    const { project } = await loadProject(dir);
    const [inWeb, nowhere] = project.ci.pins;
    expect(pinWorkspace(project, inWeb!)?.dir).toBe(join(dir, 'web'));
    expect(pinWorkspace(project, nowhere!)).toBeUndefined();
    const web = project.workspaces.find((w) => w.dir === join(dir, 'web'))!;
    expect(ciPins(project, web, 'wasm-bindgen').map((p) => p.version?.value)).toEqual(['0.2.92']);
    expect(ciTargetUses(project, web)).toEqual([]);
  });

  test('predicted builds compare every wasm-bindgen with the lockfile', async () => {
    const dir = repo({
      'Cargo.toml': manifest('app'),
      'Cargo.lock': lock('app', '0.2.100'),
      'Trunk.toml': '[tools]\nwasm_bindgen = "0.2.99"\n',
      'index.html': '<link data-trunk rel="rust" />',
      '.github/workflows/ci.yml': 'jobs:\n  x:\n    steps:\n      - run: cargo install wasm-bindgen-cli\n      - uses: jetli/wasm-bindgen-action@v0.2.0\n        with: { version: "0.2.100" }\n',
    });
    const { project } = await loadProject(dir);
    const tools = toolSetFrom([{ ok: true, tool: 'wasm-bindgen', version: '0.2.98', raw: 'wasm-bindgen 0.2.98', path: '/bin/wasm-bindgen', command: 'wasm-bindgen --version' }]);
    const rows = predictBuilds(project, () => tools).map((b) => `${b.builder} ${b.version ?? 'newest'} ${b.verdict}`);
    expect(rows).toEqual(['trunk 0.2.99 different-schema', 'workflow job `x` newest newest', 'workflow job `x` 0.2.100 matches', 'PATH 0.2.98 different-schema']);
  });
});

describe('--explain-builds', () => {
  test('the text report ends with the build table; the JSON report keeps its keys', async () => {
    const { check } = await import('../../src/commands/check.ts');
    const dir = repo({ 'Cargo.toml': manifest('app'), 'Cargo.lock': lock('app', '0.2.100'), 'Dockerfile': 'FROM rust:1.88\nRUN cargo install wasm-bindgen-cli --version 0.2.99\n' });
    const base = { dir, tools: toolSetFrom([]), format: 'text' as const, color: false, fix: false, fixDryRun: false, unsafeFixes: false, maxWarnings: -1, quiet: false, explainBuilds: true };
    const text = (await check(base)).stdout;
    expect(text.slice(text.indexOf('builds ('), text.indexOf('environments ('))).toMatch(/dockerfile stage `stage 0`\s+Dockerfile:2\s+cargo install\s+0\.2\.99\s+fails: different bindgen schema\n\n$/);
    expect(text.slice(text.indexOf('environments ('))).toBe(
      [
        'environments (where the project builds, and with what):',
        '  this machine',
        '    toolchain: no pinned toolchain (the current stable is used) (nothing pinned or probed) for `Cargo.toml`',
        '  stage `stage 0` in `Dockerfile`',
        '    toolchain: `1.88`, which stage `stage 0` installs (Dockerfile:1)',
        '    tools:     wasm-bindgen 0.2.99 via cargo install (Dockerfile:2)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await check({ ...base, format: 'json' })).stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['schemaVersion', 'tool', 'root', 'toolchain', 'diagnostics', 'summary']);
  });
});

describe('build environments', () => {
  test('build commands: wasm-pack path, cargo +toolchain --target, npx napi, trunk; non-building subcommands are not builds', () => {
    const { f, ci } = workflow(`jobs:
  web:
    steps:
      - run: |
          wasm-pack build crates/web --target web --release
          cargo +nightly build -p app --target wasm32-wasip1
          npx napi build --platform --target wasm32-wasip1-threads
          trunk serve --release
          wasm-pack publish
          cargo test
          CARGO_BUILD_TARGET=wasm32-wasip2 cargo build
  api:
    env:
      CARGO_BUILD_TARGET: wasm32-unknown-unknown
    steps:
      - run: cargo build --release
`);
    expect(ci.builds.map((b) => `${b.tool} ${b.subcommand} [${b.targets.join(',')}] ${b.dir}${b.toolchain ? ` +${b.toolchain.value}` : ''} ${at(f, b.span)?.split(' ')[0]}`)).toEqual([
      'wasm-pack build [wasm32-unknown-unknown] /repo/crates/web wasm-pack',
      'cargo build [wasm32-wasip1] /repo +nightly cargo',
      'napi build [wasm32-wasip1-threads] /repo npx',
      'trunk serve [wasm32-unknown-unknown] /repo trunk',
      'cargo build [wasm32-wasip2] /repo CARGO_BUILD_TARGET=wasm32-wasip2',
      'cargo build [wasm32-unknown-unknown] /repo cargo',
    ]);
  });

  test('directory overrides and RUSTUP_TOOLCHAIN are kept apart from the default toolchain', () => {
    const { ci } = workflow(`jobs:
  a:
    env:
      RUSTUP_TOOLCHAIN: 1.80.0
    steps:
      - uses: actions-rs/toolchain@v1
        with: { toolchain: stable, override: true }
      - uses: dtolnay/rust-toolchain@1.85
      - run: rustup override set nightly --path sub && cargo build --target wasm32-unknown-unknown
  b:
    steps:
      - uses: actions-rs/toolchain@v1
        with: { toolchain: stable }
      - uses: actions-rust-lang/setup-rust-toolchain@v1
        with: { toolchain: 1.86, override: false }
      - run: cargo build --target wasm32-unknown-unknown
`);
    const ctx = (job: string) => ci.builds.find((b) => b.context.job === job)!.context;
    expect(ctx('a').rustupToolchain?.value).toBe('1.80.0');
    expect(ctx('a').overrides?.map((o) => `${o.toolchain.value} ${o.dir}`)).toEqual(['stable /repo', 'nightly /repo/sub']);
    expect(ctx('a').toolchains.map((t) => t.value)).toEqual(['1.85']);
    expect(ctx('b').overrides).toBeUndefined();
    expect(ctx('b').toolchains.map((t) => t.value)).toEqual(['stable', '1.86']);
  });

  test('Docker: a path copied from an image is not judged; a runtime stage path follows the stage it copies from', () => {
    const f = source(
      'Dockerfile',
      'FROM rust:1.70 AS build\nRUN cargo build --target wasm32-wasi\nFROM scratch\nCOPY --from=build /t/app.wasm /app.wasm\nENTRYPOINT ["/target/wasm32-wasi/release/app.wasm"]\nFROM alpine\nCOPY --from=ghcr.io/x/y:1 /target/wasm32-wasi/release/y.wasm /\n',
    );
    const ci = readDockerfile(f, '/repo');
    expect(ci.targets.map((t) => `${t.kind} ${t.context.job}`)).toEqual(['target-flag build', 'output-path build']);
  });

  test('--explain-builds data: each job with its toolchain, targets, builders and tools', async () => {
    const dir = repo({
      'Cargo.toml': manifest('app'),
      'rust-toolchain': '1.65\n',
      '.github/workflows/ci.yml':
        'jobs:\n  web:\n    steps:\n      - uses: actions-rs/toolchain@v1\n        with:\n          toolchain: stable\n          override: true\n      - run: cargo install wasm-pack --version 0.12.1\n      - run: wasm-pack build\n',
    });
    const { project } = await loadProject(dir);
    const job = describeEnvironments(project, () => toolSetFrom([])).find((e) => e.label.startsWith('job'))!;
    expect(job.label).toBe('job `web` in `.github/workflows/ci.yml`');
    expect(job.toolchain.map((t) => t.text)).toEqual([
      '`stable`, which job `web` sets as a rustup directory override (a directory override beats `rust-toolchain`) (floating: judged as Rust 1.95, the newest release wasm-doctor knows)',
    ]);
    expect(job.targets).toEqual(['wasm32-unknown-unknown']);
    expect(job.builds.map((b) => b.text)).toEqual(['wasm-pack build']);
    expect(job.tools.map((t) => t.text)).toEqual(['wasm-pack 0.12.1 via cargo install (downloads binaryen version_111 when no wasm-opt is on PATH)']);
  });
});

describe('calls from jobs', () => {
  test('make -C, just, cargo make, npm run and scripts are calls; another recipe file is not followed', () => {
    const { ci } = workflow(`jobs:
  web:
    steps:
      - run: |
          make -C web build
          just --working-directory=app wasm
          cargo make --profile release wasm
          npm run build:wasm
          ./scripts/build.sh
          bash ci/test.sh
          make -f other.mk build
          bash -c "echo hi"
`);
    expect(ci.calls.map((c) => `${c.kind} ${c.name} ${c.dir}`)).toEqual([
      'make build /repo/web',
      'just wasm /repo/app',
      'cargo-make wasm /repo',
      'npm build:wasm /repo',
      'script /repo/scripts/build.sh /repo',
      'script /repo/ci/test.sh /repo',
    ]);
  });

  test('a job that runs a make target builds with the job toolchain, from the directory make runs in', async () => {
    const dir = repo({
      'web/Cargo.toml': manifest('web'),
      'web/Makefile': 'build:\n\twasm-pack build\n',
      '.github/workflows/ci.yml': 'jobs:\n  web:\n    steps:\n      - uses: dtolnay/rust-toolchain@1.88\n      - run: make -C web build\n',
    });
    const { project } = await loadProject(dir);
    const job = buildEnvironments(project).find((e) => e.context?.source === 'workflow')!;
    expect(job.builds.map((b) => `${b.tool} ${b.dir === join(dir, 'web')} ${b.context.job} ${b.calledAt ? 'called' : ''}`)).toEqual(['wasm-pack true web called']);
  });
});
