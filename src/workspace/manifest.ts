import { resolve } from 'node:path';
/** Cargo.toml → Manifest, with workspace inheritance resolved against the root's `[workspace]`. */
import type { Span } from '../diagnostic/types.ts';
import type { Dependency, DepKind, Located, Manifest, WorkspaceDecl } from './model.ts';
import type { ReadToml } from './read.ts';
import { asBool, asString, asTable, entry, get, stringItems, type TomlNode, type TomlTable } from '../syntax/toml/toml.ts';

const DEP_TABLES: readonly [string, DepKind][] = [
  ['dependencies', 'normal'],
  ['dev-dependencies', 'dev'],
  ['dev_dependencies', 'dev'],
  ['build-dependencies', 'build'],
  ['build_dependencies', 'build'],
];

/** Reads the `[workspace]` table of a root manifest, if any. */
export function readWorkspaceDecl(toml: TomlTable, dir: string): WorkspaceDecl | undefined {
  const wsEntry = entry(toml, 'workspace');
  const ws = asTable(wsEntry?.node);
  if (!ws || !wsEntry) return undefined;
  const deps = new Map<string, Dependency>();
  const depsEntry = entry(ws, 'dependencies');
  const depsTable = asTable(depsEntry?.node);
  for (const [key, e] of depsTable?.entries ?? []) {
    deps.set(key, readDependency(dir, key, e.node, e.entrySpan, e.keySpan, 'normal', undefined, depsTable?.headerSpan, undefined));
  }
  return {
    members: stringItems(get(ws, 'members')),
    exclude: stringItems(get(ws, 'exclude')),
    dependencies: deps,
    rustVersion: asString(get(ws, 'package', 'rust-version')),
    span: ws.headerSpan ?? wsEntry.entrySpan,
  };
}

export function readManifest({ file, toml, toml11 }: ReadToml, dir: string, rootWs: WorkspaceDecl | undefined): Manifest {
  const ownWs = readWorkspaceDecl(toml, dir);
  const ws = ownWs ?? rootWs;
  const pkg = asTable(get(toml, 'package'));
  const lib = entry(toml, 'lib');
  const dependencies: Dependency[] = [];
  collectDepTables(dir, toml, undefined, ws, dependencies);
  const targets = asTable(get(toml, 'target'));
  for (const [target, t] of targets?.entries ?? []) {
    const tt = asTable(t.node);
    if (tt) collectDepTables(dir, tt, target, ws, dependencies);
  }
  const features = new Map<string, Located<string>[]>();
  for (const [name, e] of asTable(get(toml, 'features'))?.entries ?? []) features.set(name, stringItems(e.node));
  const requiredFeatures: Located<string>[] = [];
  for (const section of ['bin', 'example', 'test', 'bench']) {
    const arr = get(toml, section);
    if (arr?.kind !== 'array') continue;
    for (const item of arr.items) requiredFeatures.push(...stringItems(get(asTable(item), 'required-features')));
  }
  return {
    file,
    dir,
    toml,
    packageName: asString(get(pkg, 'name')),
    rustVersion: inheritedField(pkg, 'rust-version', ws?.rustVersion),
    crateTypes: [...stringItems(get(asTable(lib?.node), 'crate-type')), ...stringItems(get(asTable(lib?.node), 'crate_type'))],
    libSpan: lib?.entrySpan,
    dependencies,
    features,
    requiredFeatures,
    workspace: ownWs,
    wasmPackMetadata: get(pkg, 'metadata', 'wasm-pack') !== undefined,
    toml11,
  };
}

function inheritedField(pkg: TomlTable | undefined, key: string, fromWs: Located<string> | undefined): Located<string> | undefined {
  const node = get(pkg, key);
  if (asTable(node) && asBool(get(asTable(node), 'workspace'))) return fromWs;
  return asString(node);
}

function collectDepTables(dir: string, table: TomlTable, target: string | undefined, ws: WorkspaceDecl | undefined, out: Dependency[]): void {
  for (const [tableKey, kind] of DEP_TABLES) {
    const e = entry(table, tableKey);
    const deps = asTable(e?.node);
    if (!deps) continue;
    for (const [key, d] of deps.entries) {
      out.push(readDependency(dir, key, d.node, d.entrySpan, d.keySpan, kind, target, deps.headerSpan ?? e?.entrySpan, ws));
    }
  }
}

function readDependency(
  dir: string,
  key: string,
  node: TomlNode,
  span: Span,
  keySpan: Span,
  kind: DepKind,
  target: string | undefined,
  tableSpan: Span | undefined,
  ws: WorkspaceDecl | undefined,
): Dependency {
  const simple = asString(node);
  if (simple) {
    return { key, name: key, kind, target, req: simple, optional: false, defaultFeatures: true, features: [], inherited: false, span, keySpan, tableSpan };
  }
  const t = asTable(node);
  const ownFeatures = stringItems(get(t, 'features'));
  const optional = asBool(get(t, 'optional')) ?? false;
  if (asBool(get(t, 'workspace')) === true) {
    const base = ws?.dependencies.get(key);
    return {
      key,
      name: base?.name ?? key,
      kind,
      target,
      req: base?.req,
      optional,
      defaultFeatures: base?.defaultFeatures ?? true,
      features: [...(base?.features ?? []), ...ownFeatures],
      path: base?.path,
      pathDir: base?.pathDir,
      git: base?.git,
      inherited: true,
      span,
      keySpan,
      tableSpan,
    };
  }
  const path = asString(get(t, 'path'))?.value;
  const defaultFeatures = asBool(get(t, 'default-features')) ?? asBool(get(t, 'default_features')) ?? true;
  return {
    key,
    name: asString(get(t, 'package'))?.value ?? key,
    kind,
    target,
    req: asString(get(t, 'version')),
    optional,
    defaultFeatures,
    features: ownFeatures,
    path,
    pathDir: path === undefined ? undefined : resolve(dir, path),
    git: asString(get(t, 'git'))?.value,
    inherited: false,
    span,
    keySpan,
    tableSpan,
  };
}
