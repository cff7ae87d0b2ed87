/**
 * Cargo version requirements, ported from the Rust `semver` crate (dtolnay/semver `src/parse.rs`,
 * `src/eval.rs`), which is what Cargo uses. Not npm semantics: a bare `1.2.3` means `^1.2.3`,
 * comparators are joined by commas only, there is no `||` and no hyphen range, and a pre-release
 * version only matches when some comparator names the same `major.minor.patch` with a pre-release.
 */
import { compareIdentifiers } from 'semver';

export type CargoOp = '=' | '>' | '>=' | '<' | '<=' | '~' | '^' | '*';

export interface CargoComparator {
  readonly op: CargoOp;
  readonly major: number;
  readonly minor: number | undefined;
  /** only a three-part comparator has a patch, and only then a pre-release */
  readonly patch: number | undefined;
  /** `''` when absent; build metadata is parsed and dropped, as the crate does */
  readonly pre: string;
}

/** No comparators means `*`: every version without a pre-release. */
export interface CargoReq {
  readonly comparators: readonly CargoComparator[];
}

export interface CargoVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** `''` when absent */
  readonly pre: string;
}

export class InvalidCargoReqError extends Error {
  override readonly name = 'InvalidCargoReqError';
  readonly requirement: string;

  constructor(requirement: string, detail: string) {
    super(`invalid Cargo version requirement ${JSON.stringify(requirement)}: ${detail}`);
    this.requirement = requirement;
  }
}

/** Thrown by the grammar functions; turned into the public error at the entry points. */
class Malformed extends Error {}

function fail(detail: string): never {
  throw new Malformed(detail);
}

type Position =
  | 'major version number'
  | 'minor version number'
  | 'patch version number'
  | 'pre-release identifier'
  | 'build metadata';

const U64_MAX = 18_446_744_073_709_551_615n;
const MAX_COMPARATORS = 32;
const OPS = ['>=', '<=', '=', '>', '<', '~', '^'] as const;
const DIGITS = /^[0-9]*/;
const IDENTIFIER = /^[0-9A-Za-z.-]*/;
const LEADING_ZERO_NUMBER = /^0[0-9]+$/;

function describeNext(text: string): string {
  const next = Array.from(text)[0];
  return next === undefined ? 'end of input' : `character ${JSON.stringify(next)}`;
}

/** The crate trims only ASCII spaces, and only ahead of a token. */
function skipSpaces(text: string): string {
  return text.replace(/^ +/, '');
}

function numericIdentifier(input: string, pos: Position): [number, string] {
  const digits = DIGITS.exec(input)?.[0] ?? '';
  if (digits === '') fail(`unexpected ${describeNext(input)} while parsing ${pos}`);
  if (digits.length > 1 && digits.startsWith('0')) fail(`invalid leading zero in ${pos}`);
  if (BigInt(digits) > U64_MAX) fail(`value of ${pos} exceeds u64::MAX`);
  return [Number(digits), input.slice(digits.length)];
}

/** Dot-separated `[0-9A-Za-z-]+` segments; numeric pre-release segments may not have a leading zero. */
function identifier(input: string, pos: Position): [string, string] {
  const ident = IDENTIFIER.exec(input)?.[0] ?? '';
  for (const segment of ident.split('.')) {
    if (segment === '') fail(`empty identifier segment in ${pos}`);
    if (pos === 'pre-release identifier' && LEADING_ZERO_NUMBER.test(segment)) fail(`invalid leading zero in ${pos}`);
  }
  return [ident, input.slice(ident.length)];
}

function suffix(input: string, sigil: '-' | '+', pos: Position): [string, string] {
  return input.startsWith(sigil) ? identifier(input.slice(1), pos) : ['', input];
}

function stripWildcard(input: string): string | undefined {
  return /^[*xX]/.test(input) ? input.slice(1) : undefined;
}

function dot(input: string, pos: Position): string {
  if (!input.startsWith('.')) fail(`unexpected ${describeNext(input)} after ${pos}`);
  return input.slice(1);
}

function versionText(text: string): CargoVersion {
  if (text === '') fail('empty string, expected a semver version');
  const [major, afterMajor] = numericIdentifier(text, 'major version number');
  const [minor, afterMinor] = numericIdentifier(dot(afterMajor, 'major version number'), 'minor version number');
  const [patch, afterPatch] = numericIdentifier(dot(afterMinor, 'minor version number'), 'patch version number');
  const [pre, afterPre] = suffix(afterPatch, '-', 'pre-release identifier');
  const [, rest] = suffix(afterPre, '+', 'build metadata');
  if (rest !== '') fail(`unexpected ${describeNext(rest)} after the version`);
  return { major, minor, patch, pre };
}

function comparatorText(input: string): [CargoComparator, Position, string] {
  const explicitOp = OPS.find((op) => input.startsWith(op));
  let pos: Position = 'major version number';
  const [major, afterMajor] = numericIdentifier(skipSpaces(input.slice(explicitOp?.length ?? 0)), pos);
  let text = afterMajor;
  let minor: number | undefined;
  let patch: number | undefined;
  let pre = '';
  let hasWildcard = false;
  if (text.startsWith('.')) {
    pos = 'minor version number';
    const afterWildcard = stripWildcard(text.slice(1));
    if (afterWildcard === undefined) {
      [minor, text] = numericIdentifier(text.slice(1), pos);
    } else {
      hasWildcard = true;
      text = afterWildcard;
    }
  }
  if (text.startsWith('.')) {
    pos = 'patch version number';
    const afterWildcard = stripWildcard(text.slice(1));
    if (afterWildcard !== undefined) {
      hasWildcard = true;
      text = afterWildcard;
    } else if (hasWildcard) {
      fail('unexpected character after wildcard in version req');
    } else {
      [patch, text] = numericIdentifier(text.slice(1), pos);
    }
  }
  if (patch !== undefined && text.startsWith('-')) {
    pos = 'pre-release identifier';
    [pre, text] = identifier(text.slice(1), pos);
  }
  if (patch !== undefined && text.startsWith('+')) {
    pos = 'build metadata';
    [, text] = identifier(text.slice(1), pos);
  }
  const op = explicitOp ?? (hasWildcard ? '*' : '^');
  return [{ op, major, minor, patch, pre }, pos, skipSpaces(text)];
}

function reqText(input: string): CargoComparator[] {
  const comparators: CargoComparator[] = [];
  let text = skipSpaces(input);
  for (;;) {
    const afterWildcard = stripWildcard(text);
    if (afterWildcard !== undefined) {
      const rest = skipSpaces(afterWildcard);
      if (comparators.length === 0 && rest === '') return comparators;
      fail(
        rest === '' || rest.startsWith(',')
          ? `wildcard req (${text[0]}) must be the only comparator in the version req`
          : 'unexpected character after wildcard in version req',
      );
    }
    const [comparator, pos, rest] = comparatorText(text);
    comparators.push(comparator);
    if (rest === '') return comparators;
    if (!rest.startsWith(',')) fail(`expected comma after ${pos}, found ${describeNext(rest)}`);
    if (comparators.length === MAX_COMPARATORS) fail('excessive number of version comparators');
    text = skipSpaces(rest.slice(1));
  }
}

/** Parsed requirements: a project repeats the same few hundred requirement strings many times. */
const parsed = new Map<string, CargoReqParse>();
const PARSED_MAX = 10_000;

export type CargoReqParse = { readonly ok: true; readonly req: CargoReq } | { readonly ok: false; readonly error: InvalidCargoReqError };

/** Cargo's `VersionReq::parse`, as a result: the analysis and the rules use this one. */
export function tryParseCargoReq(req: string): CargoReqParse {
  const hit = parsed.get(req);
  if (hit) return hit;
  let result: CargoReqParse;
  try {
    result = { ok: true, req: { comparators: reqText(req) } };
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    result = { ok: false, error: new InvalidCargoReqError(req, error.message) };
  }
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(req, result);
  return result;
}

/** Cargo's `VersionReq::parse`; throws InvalidCargoReqError (the public API's form). */
export function parseCargoReq(req: string): CargoReq {
  const result = tryParseCargoReq(req);
  if (!result.ok) throw result.error;
  return result.req;
}

/** Parsed versions, for the same reason as parsed requirements. */
const versions = new Map<string, CargoVersion | Malformed>();

function tryVersion(text: string): CargoVersion | Malformed {
  const hit = versions.get(text);
  if (hit) return hit;
  let result: CargoVersion | Malformed;
  try {
    result = versionText(text);
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    result = error;
  }
  if (versions.size >= PARSED_MAX) versions.clear();
  versions.set(text, result);
  return result;
}

function orThrow(version: string, parsed: CargoVersion | Malformed): CargoVersion {
  if (parsed instanceof Malformed) throw new Error(`invalid version ${JSON.stringify(version)}: ${parsed.message}`);
  return parsed;
}

/** Cargo's `Version::parse`: exactly `X.Y.Z[-pre][+build]`, nothing around it. */
function strictVersion(version: string): CargoVersion {
  return orThrow(version, tryVersion(version));
}

/** Leading `v` tolerated. */
function requireVersion(version: string): CargoVersion {
  return orThrow(version, tryVersion(version.replace(/^v/, '')));
}

/** Cargo's `Version::parse`, tolerating a leading `v`; build metadata is dropped. */
export function parseVersion(v: string): CargoVersion | undefined {
  const parsed = tryVersion(v.replace(/^v/, ''));
  return parsed instanceof Malformed ? undefined : parsed;
}

function formatVersion(v: CargoVersion): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre === '' ? '' : `-${v.pre}`}`;
}

/** SemVer precedence of two pre-release strings, where `''` (a release) ranks above any pre-release. */
function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (const [i, l] of left.entries()) {
    const r = right[i];
    if (r === undefined) return 1;
    const order = compareIdentifiers(l, r);
    if (order !== 0) return order;
  }
  return left.length === right.length ? 0 : -1;
}

function compareParsed(a: CargoVersion, b: CargoVersion): number {
  return Math.sign(a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre));
}

/** SemVer precedence (build metadata ignored); throws on an invalid version. */
export function compareVersions(a: string, b: string): number {
  return compareParsed(requireVersion(a), requireVersion(b));
}

/** Orders `v` against the comparator's version, treating the parts the comparator omits as equal. */
function compareToComparator(c: CargoComparator, v: CargoVersion): number {
  if (v.major !== c.major) return v.major - c.major;
  if (c.minor === undefined) return 0;
  if (v.minor !== c.minor) return v.minor - c.minor;
  if (c.patch === undefined) return 0;
  if (v.patch !== c.patch) return v.patch - c.patch;
  return comparePre(v.pre, c.pre);
}

function matchesExact(c: CargoComparator, v: CargoVersion): boolean {
  return compareToComparator(c, v) === 0 && v.pre === c.pre;
}

function matchesTilde(c: CargoComparator, v: CargoVersion): boolean {
  if (v.major !== c.major) return false;
  if (c.minor !== undefined && v.minor !== c.minor) return false;
  if (c.patch !== undefined && v.patch !== c.patch) return v.patch > c.patch;
  return comparePre(v.pre, c.pre) >= 0;
}

function matchesCaret(c: CargoComparator, v: CargoVersion): boolean {
  if (v.major !== c.major) return false;
  if (c.minor === undefined) return true;
  if (c.patch === undefined) return c.major > 0 ? v.minor >= c.minor : v.minor === c.minor;
  if (c.major > 0) {
    if (v.minor !== c.minor) return v.minor > c.minor;
    if (v.patch !== c.patch) return v.patch > c.patch;
  } else if (c.minor > 0) {
    if (v.minor !== c.minor) return false;
    if (v.patch !== c.patch) return v.patch > c.patch;
  } else if (v.minor !== c.minor || v.patch !== c.patch) {
    return false;
  }
  return comparePre(v.pre, c.pre) >= 0;
}

function matchesComparator(c: CargoComparator, v: CargoVersion): boolean {
  switch (c.op) {
    case '=':
    case '*':
      return matchesExact(c, v);
    case '>':
      return compareToComparator(c, v) > 0;
    case '>=':
      return matchesExact(c, v) || compareToComparator(c, v) > 0;
    case '<':
      return compareToComparator(c, v) < 0;
    case '<=':
      return matchesExact(c, v) || compareToComparator(c, v) < 0;
    case '~':
      return matchesTilde(c, v);
    case '^':
      return matchesCaret(c, v);
  }
}

function preIsCompatible(c: CargoComparator, v: CargoVersion): boolean {
  return c.major === v.major && c.minor === v.minor && c.patch === v.patch && c.pre !== '';
}

function matchesVersion(req: CargoReq, v: CargoVersion): boolean {
  return (
    req.comparators.every((c) => matchesComparator(c, v)) &&
    (v.pre === '' || req.comparators.some((c) => preIsCompatible(c, v)))
  );
}

/** `VersionReq::matches`; throws when `version` is not a valid Cargo version. */
export function reqMatches(req: CargoReq, version: string): boolean {
  return matchesVersion(req, strictVersion(version));
}

/** `VersionReq::parse(req)?.matches(&Version::parse(version)?)`. */
export function matchesCargoReq(req: string, version: string): boolean {
  return reqMatches(parseCargoReq(req), version);
}

/** Whether `req` admits `version`; undefined when either is not valid Cargo syntax. */
export function cargoReqAdmits(req: string, version: string): boolean | undefined {
  const parsedReq = tryParseCargoReq(req);
  const parsedVersion = tryVersion(version);
  return parsedReq.ok && !(parsedVersion instanceof Malformed) ? matchesVersion(parsedReq.req, parsedVersion) : undefined;
}

function release(major: number, minor: number, patch: number): CargoVersion {
  return { major, minor, patch, pre: '' };
}

function bucketKey(v: CargoVersion): string {
  if (v.major > 0) return `${v.major}`;
  if (v.minor > 0) return `0.${v.minor}`;
  return `0.0.${v.patch}`;
}

/** The first release of the next semver-compatibility bucket. */
function nextBucket(v: CargoVersion): CargoVersion {
  if (v.major > 0) return release(v.major + 1, 0, 0);
  if (v.minor > 0) return release(0, v.minor + 1, 0);
  return release(0, 0, v.patch + 1);
}

/** Cargo's semver-compatibility bucket: `1.2.3`→`1`, `0.2.93`→`0.2`, `0.0.3`→`0.0.3`. */
export function compatKey(version: string): string {
  return bucketKey(requireVersion(version));
}

/** A parsed requirement; undefined for an invalid requirement string. */
function toReq(req: string | CargoReq): CargoReq | undefined {
  if (typeof req !== 'string') return req;
  const parsedReq = tryParseCargoReq(req);
  return parsedReq.ok ? parsedReq.req : undefined;
}

/**
 * Versions that include the least admitted version of every connected piece of the admitted set.
 * Releases a requirement admits form one interval, whose lower end is `0.0.0` or a bound that some
 * comparator derives from its own numbers. Pre-releases of a comparator's `X.Y.Z` form one interval
 * per `X.Y.Z`, whose lower end is `0` (the least pre-release), some comparator's pre-release `p`,
 * or `p.0` (the successor of `p`).
 */
function candidates(req: CargoReq): CargoVersion[] {
  const pres = req.comparators.filter((c) => c.pre !== '').map((c) => c.pre);
  const preCandidates = ['0', ...pres, ...pres.map((p) => `${p}.0`)];
  const versions = [release(0, 0, 0)];
  for (const { major, minor = 0, patch = 0, pre } of req.comparators) {
    versions.push(
      release(major, 0, 0),
      release(major, minor, 0),
      release(major, minor, patch),
      release(major + 1, 0, 0),
      release(major, minor + 1, 0),
      release(major, minor, patch + 1),
    );
    if (pre !== '') versions.push(...preCandidates.map((p) => ({ major, minor, patch, pre: p })));
  }
  return versions;
}

const admitted = new WeakMap<CargoReq, readonly CargoVersion[]>();

/** The candidate versions the requirement admits, ascending; computed once per parsed requirement. */
function admittedCandidates(req: CargoReq): readonly CargoVersion[] {
  let found = admitted.get(req);
  if (!found) {
    found = candidates(req)
      .filter((v) => matchesVersion(req, v))
      .sort(compareParsed);
    admitted.set(req, found);
  }
  return found;
}

/**
 * The compatibility bucket holding every version `req` admits, or undefined when the admitted
 * versions span several buckets, there are none or `req` is invalid: `"0.29"`→`0.29`, `">=0.28, <0.29"`→`0.28`.
 */
export function reqCompatKey(req: string | CargoReq): string | undefined {
  const parsed = toReq(req);
  if (!parsed) return undefined;
  const admitted = admittedCandidates(parsed);
  const [first] = admitted;
  if (first === undefined) return undefined;
  const key = bucketKey(first);
  if (admitted.some((v) => bucketKey(v) !== key)) return undefined;
  return matchesVersion(parsed, nextBucket(first)) ? undefined : key;
}

/**
 * The least version `req` admits (`"0.2"`→`0.2.0`, `">1.2"`→`1.3.0`), with its pre-release when
 * that least version is one; undefined when `req` is invalid, unsatisfiable or only has upper bounds.
 */
export function reqLowerBound(req: string | CargoReq): string | undefined {
  const parsed = toReq(req);
  if (!parsed || parsed.comparators.every((c) => c.op === '<' || c.op === '<=')) return undefined;
  const [least] = admittedCandidates(parsed);
  return least === undefined ? undefined : formatVersion(least);
}

/** The version of a requirement that is exactly one `=X.Y.Z[-pre]` comparator. */
export function exactPin(req: string | CargoReq): string | undefined {
  const [only, ...others] = toReq(req)?.comparators ?? [];
  if (only === undefined || others.length > 0 || only.op !== '=' || only.minor === undefined || only.patch === undefined) {
    return undefined;
  }
  return formatVersion({ major: only.major, minor: only.minor, patch: only.patch, pre: only.pre });
}
