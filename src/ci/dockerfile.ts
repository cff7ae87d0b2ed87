/**
 * Dockerfiles and Containerfiles: `FROM rust:<version>` (the stage's toolchain), `RUN` scripts
 * (with `\` continuations), `ARG`/`ENV` values they use, and `target/<triple>/` paths in `COPY`.
 */
import type { FileId, Located } from '../syntax/span.ts';
import type { CiConfig } from './model.ts';
import type { SourceFile } from '../syntax/source.ts';
import { attach, emptyFindings, mark, mergeCi, scanShell, scanTargetPaths, withRustupToolchain, type ShellFindings } from './shell.ts';
import { expand, locatedOf, type Vars, type Word } from '../syntax/shell/words.ts';
import { maskShellComments, type Region } from '../syntax/text.ts';

interface Instruction {
  readonly keyword: string;
  /** the arguments after the keyword */
  readonly args: Region;
}

interface Stage {
  readonly name: string;
  readonly toolchains: Located<string>[];
  readonly found: ShellFindings;
  /** earlier stages this one copies files from (`COPY --from`) */
  readonly copiedFrom: Set<Stage>;
  /** `ENV RUSTUP_TOOLCHAIN=…` so far in this stage (or the stage it starts from): it reaches the later `RUN`s */
  rustupToolchain?: Located<string>;
}

/**
 * Whose toolchain a `target/<triple>/` path in a stage's other instructions (`ENTRYPOINT`, `CMD`)
 * follows: a stage without Rust built nothing, so the one stage it copies from, if any.
 */
function pathOwner(stage: Stage): Stage {
  const hasRust = stage.toolchains.length > 0 || stage.found.toolchains.length > 0;
  const [only, ...more] = stage.copiedFrom;
  return !hasRust && only && more.length === 0 ? only : stage;
}

export function readDockerfile(file: SourceFile, dir: string): CiConfig {
  const vars = new Map<string, readonly Located<string>[]>();
  const stages: Stage[] = [];
  const where = { dir, dirExplicit: true };
  for (const ins of instructions(file)) {
    if (ins.keyword === 'FROM') {
      stages.push(fromStage(file.id, ins.args, vars, stages));
      continue;
    }
    const stage = stages[stages.length - 1];
    if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
      const declared = declare(file.id, ins.args, ins.keyword, vars);
      if (stage && ins.keyword === 'ENV' && declared.has('RUSTUP_TOOLCHAIN')) {
        const value = declared.get('RUSTUP_TOOLCHAIN');
        stage.rustupToolchain = value?.length === 1 ? value[0] : undefined;
      }
      continue;
    }
    if (!stage) continue;
    if (ins.keyword === 'RUN') {
      const before = mark(stage.found);
      scanShell(runScript(ins.args), { file: file.id, ...where, vars }, stage.found);
      withRustupToolchain(stage.found, before, stage.rustupToolchain);
    } else {
      const producer = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? copySource(ins.args, stages) : pathOwner(stage);
      if (producer && producer !== stage) stage.copiedFrom.add(producer);
      if (producer) scanTargetPaths(ins.args, vars, where, producer.found);
    }
  }
  return mergeCi(stages.map((s) => attach(s.found, { source: 'dockerfile', file, job: s.name, toolchains: [...s.toolchains, ...s.found.toolchains] })));
}

/**
 * The stage whose files a `COPY`/`ADD` reads: the stage named (or numbered) by `--from`, which
 * built them with its own toolchain; the current stage without `--from` (the build context).
 * Undefined for `--from=<image>`: that image's toolchain is unknown, so its paths are not judged.
 */
function copySource(args: Region, stages: readonly Stage[]): Stage | undefined {
  const from = /(?:^|\s)--from=(\S+)/.exec(args.text)?.[1];
  if (from === undefined) return stages[stages.length - 1];
  return /^\d+$/.test(from) ? stages[Number(from)] : stages.find((s) => s.name.toLowerCase() === from.toLowerCase());
}

/** Instructions with their continuation lines joined; comment lines are blanked. */
function instructions(file: SourceFile): Instruction[] {
  const text = maskShellComments(file.text);
  const out: Instruction[] = [];
  let start = -1;
  let pos = 0;
  for (const line of text.split('\n')) {
    const lineStart = pos;
    pos += line.length + 1;
    if (start < 0) {
      if (line.trim() === '') continue;
      start = lineStart;
    }
    if (/\\\s*$/.test(line) || (line.trim() === '' && pos < text.length)) continue;
    out.push(instruction(file.id, text, start, lineStart + line.length));
    start = -1;
  }
  if (start >= 0) out.push(instruction(file.id, text, start, text.length));
  return out;
}

function instruction(file: FileId, text: string, start: number, end: number): Instruction {
  const m = /^\s*(\w+)\s*/.exec(text.slice(start, end));
  const argsStart = start + (m?.[0].length ?? 0);
  // Docker drops comment and empty lines inside a continuation: their line breaks do not end the command.
  const body = text.slice(argsStart, end).replace(/^[ \t\r]*\n/gm, (blankLine) => ' '.repeat(blankLine.length));
  return { keyword: (m?.[1] ?? '').toUpperCase(), args: { file, text: body, base: argsStart } };
}

/** Words of an instruction's arguments, continuation backslashes dropped. */
function words(r: Region): Word[] {
  return [...r.text.matchAll(/(?:[^\s\\]|\\(?!\s*(?:\r?\n|$)))+/g)].map((m) => ({
    text: m[0],
    offs: [...m[0]].map((_, i) => r.base + (m.index ?? 0) + i),
    dynamic: false,
  }));
}

function fromStage(file: FileId, args: Region, vars: Vars, stages: readonly Stage[]): Stage {
  const ws = words(args).filter((w) => !w.text.startsWith('--'));
  const image = ws[0];
  const as = ws.findIndex((w) => w.text.toLowerCase() === 'as');
  const name = (as >= 0 ? ws[as + 1]?.text : undefined) ?? `stage ${stages.length}`;
  const parent = stages.find((s) => s.name === image?.text);
  const own = image ? rustImageToolchain(file, image, vars) : undefined;
  const inherited = parent?.rustupToolchain ? { rustupToolchain: parent.rustupToolchain } : {};
  return { name, toolchains: parent ? [...parent.toolchains, ...parent.found.toolchains] : own ? [own] : [], found: emptyFindings(), copiedFrom: new Set(), ...inherited };
}

/**
 * The toolchain of an official Rust image (`rust`, `docker.io/library/rust`, `rustlang/rust`):
 * `rust:1.85-slim` → `1.85`, `rustlang/rust:nightly` → `nightly`, `rust:latest` or no tag → `stable`.
 */
export function rustImageToolchain(file: FileId, image: Word, vars: Vars): Located<string> | undefined {
  const ref = expand(image, vars)[0];
  if (!ref || ref.dynamic) return undefined;
  const text = ref.text.split('@')[0] as string;
  const slash = text.lastIndexOf('/');
  const colon = text.indexOf(':', slash + 1);
  const name = text.slice(slash + 1, colon < 0 ? undefined : colon);
  if (name !== 'rust') return undefined;
  if (colon < 0) return floating(file, ref, slash + 1, text.length, 'stable');
  const tag = text.slice(colon + 1);
  const version = /^\d+\.\d+(?:\.\d+)?/.exec(tag) ?? /^(?:nightly|beta)(?:-\d{4}-\d\d-\d\d)?/.exec(tag);
  if (version) return locatedOf(file, ref, colon + 1, colon + 1 + version[0].length);
  return floating(file, ref, colon + 1, text.length, 'stable');
}

function floating(file: FileId, w: Word, from: number, to: number, channel: string): Located<string> | undefined {
  const at = locatedOf(file, w, from, to);
  return at ? { value: channel, span: at.span } : undefined;
}

/** `ARG NAME=default`, `ENV NAME=value ...`, `ENV NAME value`; each name it declares, with its values when they are literal. */
function declare(file: FileId, args: Region, keyword: string, vars: Map<string, readonly Located<string>[]>): Map<string, Located<string>[]> {
  const declared = new Map<string, Located<string>[]>();
  const ws = words(args);
  const pairs: [string, Word | undefined][] = [];
  if (keyword === 'ENV' && ws[0] && !ws[0].text.includes('=')) pairs.push([ws[0].text, ws[1]]);
  else
    for (const w of ws) {
      const eq = w.text.indexOf('=');
      if (eq > 0) pairs.push([w.text.slice(0, eq), { text: w.text.slice(eq + 1), offs: w.offs.slice(eq + 1), dynamic: false }]);
    }
  for (const [name, value] of pairs) {
    const unquoted = value ? stripQuotes(value) : undefined;
    const resolved = unquoted ? expand(unquoted, vars).filter((v) => !v.dynamic).map((v) => locatedOf(file, v)).filter((v): v is Located<string> => v !== undefined) : [];
    if (resolved.length > 0) vars.set(name, resolved);
    declared.set(name, resolved);
  }
  return declared;
}

const stripQuotes = (w: Word): Word => (/^(["']).*\1$/.test(w.text) && w.text.length >= 2 ? { text: w.text.slice(1, -1), offs: w.offs.slice(1, -1), dynamic: w.dynamic } : w);

/** A RUN's script: leading `--mount=...` flags blanked; the exec form `["a", "b"]` as words. */
function runScript(args: Region): Region {
  let text = args.text.replace(/^(\s*--\S+)+/, (m) => ' '.repeat(m.length));
  if (text.trimStart().startsWith('[')) text = text.replace(/[[\],]/g, ' ');
  return { ...args, text };
}
