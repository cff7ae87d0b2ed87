/**
 * Finds and reads the files that install or pin toolchain pieces: GitHub workflows (at the report
 * root and at workspace roots), Dockerfiles, Makefiles, justfiles, cargo-make files, shell
 * scripts, package.json scripts, version-manager files and Nix files. Never throws: an unreadable file is
 * an issue, a workflow that is not YAML is `core/invalid-yaml`.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { within } from '../paths.ts';
import { isDockerfile, isJustfile, isMakefile } from '../syntax/file-names.ts';
import type { CiConfig } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import type { TomlTable } from '../syntax/toml/toml.ts';
import { readCargoMake } from './cargo-make.ts';
import { readDockerfile } from './dockerfile.ts';
import { readMakefile } from './makefile.ts';
import { readNix } from './nix.ts';
import { readPackageJson } from './package-json.ts';
import { mergeCi, scanShell, attach, emptyFindings } from './shell.ts';
import { readMise, readToolVersions } from './version-files.ts';
import { localActionRefs, readWorkflow, type LocalAction } from './workflow.ts';
import { parseYaml, type YValue } from '../syntax/yaml/yaml.ts';

type Kind = 'workflow' | 'dockerfile' | 'makefile' | 'justfile' | 'cargo-make' | 'script' | 'package-json' | 'tool-versions' | 'mise' | 'nix';

/** Nix files that declare development shells, packages and toolchains. */
const NIX_FILES = new Set(['flake.nix', 'shell.nix', 'devenv.nix', 'default.nix']);

/** What kind of CI/build file a path is, if any (`workflow` only under `.github/workflows/`). */
export function ciFileKind(abs: string): Kind | undefined {
  const name = basename(abs);
  const lower = name.toLowerCase();
  if (/\.ya?ml$/.test(lower)) return basename(dirname(abs)) === 'workflows' && basename(dirname(dirname(abs))) === '.github' ? 'workflow' : undefined;
  if (isDockerfile(name)) return 'dockerfile';
  if (isMakefile(name)) return 'makefile';
  if (isJustfile(name)) return 'justfile';
  if (name === 'Makefile.toml') return 'cargo-make';
  if (lower.endsWith('.sh') || lower.endsWith('.bash')) return 'script';
  if (name === 'package.json') return 'package-json';
  if (name === '.tool-versions') return 'tool-versions';
  if (name === 'mise.toml' || name === '.mise.toml') return 'mise';
  if (NIX_FILES.has(name)) return 'nix';
  return undefined;
}

export interface CiIo {
  text(abs: string): Promise<SourceFile | undefined>;
  toml(abs: string): Promise<{ file: SourceFile; toml: TomlTable } | undefined>;
  invalidYaml(file: SourceFile, offset: number, message: string): void;
}

/**
 * Reads the CI/build files found below the report root. Workflows count only in the
 * `.github/workflows/` of the report root or of a workspace root (`repoDirs`).
 */
export async function readCi(files: readonly string[], repoDirs: readonly string[], io: CiIo): Promise<CiConfig> {
  const repos = new Set(repoDirs);
  const read = await Promise.all(
    [...files].sort().map(async (abs): Promise<CiConfig | undefined> => {
      const kind = ciFileKind(abs);
      const dir = dirname(abs);
      if (kind === 'workflow') {
        const repo = dirname(dirname(dir));
        return repos.has(repo) ? workflow(abs, repo, io) : undefined;
      }
      if (kind === 'cargo-make' || kind === 'mise') {
        const t = await io.toml(abs);
        if (!t) return undefined;
        return kind === 'mise' ? readMise(t.file, dir, t.toml) : readCargoMake(t.file, dir, t.toml);
      }
      const file = kind ? await io.text(abs) : undefined;
      if (!file) return undefined;
      switch (kind) {
        case 'dockerfile':
          return readDockerfile(file, dir);
        case 'makefile':
        case 'justfile':
          return readMakefile(file, dir, kind);
        case 'package-json':
          return readPackageJson(file, dir);
        case 'tool-versions':
          return readToolVersions(file, dir);
        case 'nix':
          return readNix(file, dir);
        default: {
          const found = scanShell({ file: file.id, text: file.text, base: 0 }, { file: file.id, dir, dirExplicit: false, vars: new Map() }, emptyFindings());
          return attach(found, { source: 'script', file, job: basename(abs), toolchains: found.toolchains });
        }
      }
    }),
  );
  return mergeCi(read.filter((c): c is CiConfig => c !== undefined));
}

async function workflow(abs: string, repoDir: string, io: CiIo): Promise<CiConfig | undefined> {
  const file = await io.text(abs);
  if (!file) return undefined;
  const parsed = await parseYaml(file);
  if (parsed.ok) return readWorkflow(file, parsed.root, repoDir, await localActions(parsed.root, repoDir, io));
  const msg = parsed.error.message;
  io.invalidYaml(file, parsed.error.offset, `\`${file.path}\` is not valid YAML: ${msg.charAt(0).toLowerCase()}${msg.slice(1)}`);
  return undefined;
}

/** The local composite actions (`uses: ./path`) a workflow reaches, with the ones they use in turn; unreadable ones are skipped. */
async function localActions(root: YValue | undefined, repoDir: string, io: CiIo): Promise<Map<string, LocalAction>> {
  const out = new Map<string, LocalAction>();
  const queue = localActionRefs(root).map((ref) => resolve(repoDir, ref));
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    if (out.has(dir) || !within(repoDir, dir)) continue;
    const file = (await io.text(join(dir, 'action.yml'))) ?? (await io.text(join(dir, 'action.yaml')));
    const parsed = file ? await parseYaml(file) : undefined;
    if (!file || !parsed?.ok) continue;
    out.set(dir, { file, root: parsed.root });
    queue.push(...localActionRefs(parsed.root).map((ref) => resolve(repoDir, ref)));
  }
  return out;
}

