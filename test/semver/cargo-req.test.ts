/*
 * The upstream part is ported from dtolnay/semver tests/test_version_req.rs at commit
 * 8591f2344b52b31d85b538de58b76a676fe9ff90: every assert_match_all / assert_match_none,
 * every req_err and comparator_err (asserted as a throwing parseCargoReq, not on error text),
 * and every req(...) that must merely parse.
 * Skipped: test_default (it checks Rust's `Default` impl, which has no counterpart here), the Hash
 * half of test_eq_hash, and the Display output of assert_to_string. Where a Display assertion
 * shows a normalisation (`1.0.0` is `^1.0.0`, `2.x.x` is `2.*`), it is kept as "parses to the same
 * comparators as".
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidCargoReqError,
  compareVersions,
  compatKey,
  exactPin,
  matchesCargoReq,
  parseCargoReq,
  parseVersion,
  reqCompatKey,
  reqLowerBound,
  reqMatches,
} from '../../src/semver/cargo-req.ts';

interface MatchCase {
  readonly test: string;
  readonly req: string;
  readonly all?: readonly string[];
  readonly none?: readonly string[];
}

const UPSTREAM_MATCHES: readonly MatchCase[] = [
  {
    test: 'test_basic',
    req: '1.0.0',
    all: ['1.0.0', '1.1.0', '1.0.1'],
    none: ['0.9.9', '0.10.0', '0.1.0', '1.0.0-pre', '1.0.1-pre'],
  },
  { test: 'test_exact', req: '=1.0.0', all: ['1.0.0'], none: ['1.0.1', '0.9.9', '0.10.0', '0.1.0', '1.0.0-pre'] },
  { test: 'test_exact', req: '=0.9.0', all: ['0.9.0'], none: ['0.9.1', '1.9.0', '0.0.9', '0.9.0-pre'] },
  { test: 'test_exact', req: '=0.0.2', all: ['0.0.2'], none: ['0.0.1', '0.0.3', '0.0.2-pre'] },
  {
    test: 'test_exact',
    req: '=0.1.0-beta2.a',
    all: ['0.1.0-beta2.a'],
    none: ['0.9.1', '0.1.0', '0.1.1-beta2.a', '0.1.0-beta2'],
  },
  { test: 'test_exact', req: '=0.1.0+meta', all: ['0.1.0', '0.1.0+meta', '0.1.0+any'] },
  {
    test: 'test_greater_than',
    req: '>= 1.0.0',
    all: ['1.0.0', '2.0.0'],
    none: ['0.1.0', '0.0.1', '1.0.0-pre', '2.0.0-pre'],
  },
  {
    test: 'test_greater_than',
    req: '>= 2.1.0-alpha2',
    all: ['2.1.0-alpha2', '2.1.0-alpha3', '2.1.0', '3.0.0'],
    none: ['2.0.0', '2.1.0-alpha1', '2.0.0-alpha2', '3.0.0-alpha2'],
  },
  { test: 'test_less_than', req: '< 1.0.0', all: ['0.1.0', '0.0.1'], none: ['1.0.0', '1.0.0-beta', '1.0.1', '0.9.9-alpha'] },
  {
    test: 'test_less_than',
    req: '<= 2.1.0-alpha2',
    all: ['2.1.0-alpha2', '2.1.0-alpha1', '2.0.0', '1.0.0'],
    none: ['2.1.0', '2.2.0-alpha1', '2.0.0-alpha2', '1.0.0-alpha2'],
  },
  { test: 'test_less_than', req: '>1.0.0-alpha, <1.0.0', all: ['1.0.0-beta'] },
  { test: 'test_less_than', req: '>1.0.0-alpha, <1.0', none: ['1.0.0-beta'] },
  { test: 'test_less_than', req: '>1.0.0-alpha, <1', none: ['1.0.0-beta'] },
  { test: 'test_multiple', req: '> 0.0.9, <= 2.5.3', all: ['0.0.10', '1.0.0', '2.5.3'], none: ['0.0.8', '2.5.4'] },
  { test: 'test_multiple', req: '0.3.0, 0.4.0', none: ['0.0.8', '0.3.0', '0.4.0'] },
  { test: 'test_multiple', req: '<= 0.2.0, >= 0.5.0', none: ['0.0.8', '0.3.0', '0.5.1'] },
  { test: 'test_multiple', req: '0.1.0, 0.1.4, 0.1.6', all: ['0.1.6', '0.1.9'], none: ['0.1.0', '0.1.4', '0.2.0'] },
  {
    test: 'test_multiple',
    req: '>=0.5.1-alpha3, <0.6',
    all: ['0.5.1-alpha3', '0.5.1-alpha4', '0.5.1-beta', '0.5.1', '0.5.5'],
    none: ['0.5.1-alpha1', '0.5.2-alpha3', '0.5.5-pre', '0.5.0-pre', '0.6.0', '0.6.0-pre'],
  },
  { test: 'test_tilde', req: '~1', all: ['1.0.0', '1.0.1', '1.1.1'], none: ['0.9.1', '2.9.0', '0.0.9'] },
  { test: 'test_tilde', req: '~1.2', all: ['1.2.0', '1.2.1'], none: ['1.1.1', '1.3.0', '0.0.9'] },
  { test: 'test_tilde', req: '~1.2.2', all: ['1.2.2', '1.2.4'], none: ['1.2.1', '1.9.0', '1.0.9', '2.0.1', '0.1.3'] },
  {
    test: 'test_tilde',
    req: '~1.2.3-beta.2',
    all: ['1.2.3', '1.2.4', '1.2.3-beta.2', '1.2.3-beta.4'],
    none: ['1.3.3', '1.1.4', '1.2.3-beta.1', '1.2.4-beta.2'],
  },
  {
    test: 'test_caret',
    req: '^1',
    all: ['1.1.2', '1.1.0', '1.2.1', '1.0.1'],
    none: ['0.9.1', '2.9.0', '0.1.4', '1.0.0-beta1', '0.1.0-alpha', '1.0.1-pre'],
  },
  { test: 'test_caret', req: '^1.1', all: ['1.1.2', '1.1.0', '1.2.1'], none: ['0.9.1', '2.9.0', '1.0.1', '0.1.4'] },
  {
    test: 'test_caret',
    req: '^1.1.2',
    all: ['1.1.2', '1.1.4', '1.2.1'],
    none: ['0.9.1', '2.9.0', '1.1.1', '0.0.1', '1.1.2-alpha1', '1.1.3-alpha1', '2.9.0-alpha1'],
  },
  {
    test: 'test_caret',
    req: '^0.1.2',
    all: ['0.1.2', '0.1.4'],
    none: ['0.9.1', '2.9.0', '1.1.1', '0.0.1', '0.1.2-beta', '0.1.3-alpha', '0.2.0-pre'],
  },
  {
    test: 'test_caret',
    req: '^0.5.1-alpha3',
    all: ['0.5.1-alpha3', '0.5.1-alpha4', '0.5.1-beta', '0.5.1', '0.5.5'],
    none: ['0.5.1-alpha1', '0.5.2-alpha3', '0.5.5-pre', '0.5.0-pre', '0.6.0'],
  },
  { test: 'test_caret', req: '^0.0.2', all: ['0.0.2'], none: ['0.9.1', '2.9.0', '1.1.1', '0.0.1', '0.1.4'] },
  { test: 'test_caret', req: '^0.0', all: ['0.0.2', '0.0.0'], none: ['0.9.1', '2.9.0', '1.1.1', '0.1.4'] },
  { test: 'test_caret', req: '^0', all: ['0.9.1', '0.0.2', '0.0.0'], none: ['2.9.0', '1.1.1'] },
  {
    test: 'test_caret',
    req: '^1.4.2-beta.5',
    all: ['1.4.2', '1.4.3', '1.4.2-beta.5', '1.4.2-beta.6', '1.4.2-c'],
    none: ['0.9.9', '2.0.0', '1.4.2-alpha', '1.4.2-beta.4', '1.4.3-beta.5'],
  },
  { test: 'test_wildcard', req: '*', all: ['0.9.1', '2.9.0', '0.0.9', '1.0.1', '1.1.1'], none: ['1.0.0-pre'] },
  { test: 'test_wildcard', req: '1.*', all: ['1.2.0', '1.2.1', '1.1.1', '1.3.0'], none: ['0.0.9', '1.2.0-pre'] },
  {
    test: 'test_wildcard',
    req: '1.2.*',
    all: ['1.2.0', '1.2.2', '1.2.4'],
    none: ['1.9.0', '1.0.9', '2.0.1', '0.1.3', '1.2.2-pre'],
  },
  { test: 'test_any (VersionReq::STAR)', req: '*', all: ['0.0.1', '0.1.0', '1.0.0'] },
  { test: 'test_pre', req: '=2.1.1-really.0', all: ['2.1.1-really.0'] },
  { test: 'test_cargo3202', req: '0.*.*', all: ['0.5.0'] },
];

const UPSTREAM_ERRORS: readonly (readonly [test: string, req: string])[] = [
  ['test_multiple', '> 0.1.0,'],
  ['test_multiple', '> 0.3.0, ,'],
  ['test_multiple', '1.2.3 - 2.3.4'],
  ['test_multiple', Array.from({ length: 33 }, (_, i) => `>${i + 1}`).join(', ')],
  ['test_whitespace_delimited_comparator_sets', '> 0.0.9 <= 2.5.3'],
  ['test_wildcard', ''],
  ['test_logical_or', '=1.2.3 || =2.3.4'],
  ['test_logical_or', '1.1 || =1.2.3'],
  ['test_logical_or', '6.* || 8.* || >= 10.*'],
  ['test_parse', '\0'],
  ['test_parse', '>= >= 0.0.2'],
  ['test_parse', '>== 0.0.2'],
  ['test_parse', 'a.0.0'],
  ['test_parse', '1.0.0-'],
  ['test_parse', '>='],
  ['test_comparator_parse', '1.2.3-01'],
  ['test_comparator_parse', '1.2.3+4.'],
  ['test_comparator_parse', '>'],
  ['test_comparator_parse', '1.'],
  ['test_comparator_parse', '1.*.'],
  ['test_comparator_parse', '1.2.3+4ÿ'],
  ['test_digit_after_wildcard', '*.1'],
  ['test_digit_after_wildcard', '1.*.1'],
  ['test_digit_after_wildcard', '>=1.*.1'],
  ['test_wildcard_and_another', '*, 0.20.0-any'],
  ['test_wildcard_and_another', '0.20.0-any, *'],
  ['test_wildcard_and_another', '0.20.0-any, *, 1.0'],
];

const UPSTREAM_EQUIVALENT: readonly (readonly [test: string, req: string, canonical: string])[] = [
  ['test_basic', '1.0.0', '^1.0.0'],
  ['test_exact', '=0.1.0+meta', '=0.1.0'],
  ['test_greater_than', '>= 1.0.0', '>=1.0.0'],
  ['test_greater_than', '>= 2.1.0-alpha2', '>=2.1.0-alpha2'],
  ['test_less_than', '< 1.0.0', '<1.0.0'],
  ['test_multiple', '> 0.0.9, <= 2.5.3', '>0.0.9, <=2.5.3'],
  ['test_multiple', '0.3.0, 0.4.0', '^0.3.0, ^0.4.0'],
  ['test_multiple', '<= 0.2.0, >= 0.5.0', '<=0.2.0, >=0.5.0'],
  ['test_multiple', '0.1.0, 0.1.4, 0.1.6', '^0.1.0, ^0.1.4, ^0.1.6'],
  ['test_wildcard', 'x', '*'],
  ['test_wildcard', 'X', '*'],
  ['test_wildcard', '1.x', '1.*'],
  ['test_wildcard', '1.X', '1.*'],
  ['test_wildcard', '1.*.*', '1.*'],
  ['test_wildcard', '1.2.x', '1.2.*'],
  ['test_wildcard', '1.2.X', '1.2.*'],
  ['test_comparator_parse', '1.2.3-alpha', '^1.2.3-alpha'],
  ['test_comparator_parse', '2.X', '2.*'],
  ['test_comparator_parse', '2', '^2'],
  ['test_comparator_parse', '2.x.x', '2.*'],
  ['test_cargo3202', '0.*.*', '0.*'],
  ['test_eq_hash', '^1', '^1'],
];

const LEADING_DIGIT_REQS = ['=', '>', '>=', '<', '<=', '~', '^'].flatMap((op) =>
  ['1.2.3-1a', '1.2.3+1a', '1.2.3-01a', '1.2.3+01', '1.2.3-1+1', '1.2.3-1-1+1-1-1', '1.2.3-1a+1a', '1.2.3-1a-1a+1a-1a-1a'].map(
    (rest) => `${op} ${rest}`,
  ),
);

describe('upstream VersionReq matching', () => {
  for (const { test, req, all = [], none = [] } of UPSTREAM_MATCHES) {
    describe(`${test}: ${JSON.stringify(req)}`, () => {
      for (const version of all) it(`matches ${version}`, () => expect(matchesCargoReq(req, version)).toBe(true));
      for (const version of none) it(`does not match ${version}`, () => expect(matchesCargoReq(req, version)).toBe(false));
    });
  }
});

describe('upstream VersionReq parse errors', () => {
  for (const [test, req] of UPSTREAM_ERRORS) {
    it(`${test}: rejects ${JSON.stringify(req)}`, () => expect(() => parseCargoReq(req)).toThrow(InvalidCargoReqError));
  }
});

describe('upstream VersionReq normalisations', () => {
  for (const [test, req, canonical] of UPSTREAM_EQUIVALENT) {
    it(`${test}: ${JSON.stringify(req)} parses like ${JSON.stringify(canonical)}`, () =>
      expect(parseCargoReq(req)).toStrictEqual(parseCargoReq(canonical)));
  }

  it('test_eq_hash: ^1 differs from ^2', () => expect(parseCargoReq('^1')).not.toStrictEqual(parseCargoReq('^2')));

  it('test_cargo3202: 0.0.* keeps its minor', () =>
    expect(parseCargoReq('0.0.*').comparators).toStrictEqual([{ op: '*', major: 0, minor: 0, patch: undefined, pre: '' }]));

  it('test_wildcard: * has no comparators', () => expect(parseCargoReq('*').comparators).toStrictEqual([]));
});

describe('upstream test_leading_digit_in_pre_and_build', () => {
  for (const req of LEADING_DIGIT_REQS) it(`parses ${JSON.stringify(req)}`, () => expect(() => parseCargoReq(req)).not.toThrow());
});

describe('Cargo grammar beyond the upstream tests', () => {
  const versions = ['0.0.0', '0.0.1', '0.1.0', '0.1.5', '0.2.0', '1.0.0', '1.1.9', '1.2.0', '1.2.7', '1.3.0', '1.9.0', '2.0.0'];
  const equivalent: readonly (readonly [string, string])[] = [
    ['=1.2', '>=1.2.0, <1.3.0'],
    ['>1.2', '>=1.3.0'],
    ['<=1.2', '<1.3.0'],
    ['^0.0', '<0.1.0'],
    ['^0', '<1.0.0'],
    ['~1', '>=1.0.0, <2.0.0'],
    ['1.2.3', '>=1.2.3, <2.0.0'],
    ['0.2.3', '>=0.2.3, <0.3.0'],
    ['0.0.3', '=0.0.3'],
    ['>=1.*', '>=1.0.0'],
  ];
  for (const [req, expanded] of equivalent) {
    it(`${JSON.stringify(req)} admits what ${JSON.stringify(expanded)} admits`, () => {
      expect(versions.filter((v) => matchesCargoReq(req, v))).toStrictEqual(versions.filter((v) => matchesCargoReq(expanded, v)));
    });
  }

  it('accepts ASCII spaces around comparators and operators', () => {
    for (const req of [' 1.2.3 ', '1.2.3 , 1.2.4', '>=  1.2', ' * ']) expect(() => parseCargoReq(req)).not.toThrow();
  });

  it('accepts up to 32 comparators and u64 numbers', () => {
    expect(parseCargoReq(Array.from({ length: 32 }, () => '>=1').join(',')).comparators).toHaveLength(32);
    expect(() => parseCargoReq('18446744073709551615')).not.toThrow();
  });

  it('rejects what only npm or a lenient parser would accept', () => {
    for (const req of ['\t1.2.3', '1.2.3\n', 'v1.2.3', '01.2.3', '1.2-alpha', '1.2.3 || 2', '>=1 <2', '18446744073709551616', 'x1', '*,']) {
      expect(() => parseCargoReq(req), req).toThrow(InvalidCargoReqError);
    }
  });

  it('quotes the requirement in the error', () => {
    expect(() => parseCargoReq('1.2.3 - 2.0.0')).toThrow(/"1\.2\.3 - 2\.0\.0"/);
  });

  it('rejects an invalid version with a plain Error, after checking the requirement', () => {
    for (const version of ['v1.0.0', '1.0', '1.0.0 ', '01.0.0', '']) {
      expect(() => matchesCargoReq('1', version)).toThrow(/invalid version/);
      expect(() => matchesCargoReq('1', version)).not.toThrow(InvalidCargoReqError);
    }
    expect(() => matchesCargoReq('1 - 2', 'nope')).toThrow(InvalidCargoReqError);
  });

  it('reqMatches works on a parsed requirement', () => {
    const req = parseCargoReq('>=0.2.87, <0.3');
    expect(['0.2.86', '0.2.87', '0.2.100', '0.3.0'].map((v) => reqMatches(req, v))).toStrictEqual([false, true, true, false]);
  });
});

describe('compatKey', () => {
  it.each([
    ['1.2.3', '1'],
    ['0.2.93', '0.2'],
    ['0.0.3', '0.0.3'],
    ['0.29.0', '0.29'],
    ['2.0.0-rc.1', '2'],
    ['v0.2.93', '0.2'],
  ])('%s → %s', (version, key) => expect(compatKey(version)).toBe(key));

  it('throws on an invalid version', () => expect(() => compatKey('0.2')).toThrow(/invalid version/));
});

describe('reqCompatKey', () => {
  it.each([
    ['0.2', '0.2'],
    ['0.2.93', '0.2'],
    ['=0.2.93', '0.2'],
    ['0.29', '0.29'],
    ['^0.29.1', '0.29'],
    ['~0.29', '0.29'],
    ['1', '1'],
    ['1.0.228', '1'],
    ['>=0.2.87, <0.3', '0.2'],
    ['>=0.28, <0.29', '0.28'],
    ['0.0.3', '0.0.3'],
    ['>=1.5.0, <2.0.0-0', '1'],
  ])('%s → %s', (req, key) => expect(reqCompatKey(req)).toBe(key));

  it.each([
    '*',
    '>=0.28',
    '>=0.28, <0.30',
    '<0.3',
    '~0',
    '^0.0',
    '0.2, 0.3',
    '=1.0.0, =2.0.0',
    '>=1.5.0, <2.0.0-alpha',
  ])('%s → undefined', (req) => expect(reqCompatKey(req)).toBeUndefined());

  it('accepts a parsed requirement', () => expect(reqCompatKey(parseCargoReq('0.2.93'))).toBe('0.2'));
});

describe('reqLowerBound', () => {
  it.each([
    ['0.2', '0.2.0'],
    ['0.2.93', '0.2.93'],
    ['=0.2.93', '0.2.93'],
    ['0.29', '0.29.0'],
    ['1', '1.0.0'],
    ['>=0.2.87, <0.3', '0.2.87'],
    ['>1.2', '1.3.0'],
    ['>1.2.3', '1.2.4'],
    ['1.*', '1.0.0'],
    ['<2, >=1.4', '1.4.0'],
    ['^1.2.3-alpha', '1.2.3-alpha'],
  ])('%s → %s', (req, bound) => expect(reqLowerBound(req)).toBe(bound));

  it.each(['*', '<1', '<=0.3, <0.2', '>=2, <1', '=1.0.0-alpha, =1.0.0'])('%s → undefined', (req) =>
    expect(reqLowerBound(req)).toBeUndefined(),
  );
});

describe('exactPin', () => {
  it.each([
    ['=0.2.93', '0.2.93'],
    ['= 0.2.93', '0.2.93'],
    ['=1.0.0-rc.1', '1.0.0-rc.1'],
    ['=0.2.93+build.5', '0.2.93'],
  ])('%s → %s', (req, pin) => expect(exactPin(req)).toBe(pin));

  it.each(['0.2.93', '0.2', '=0.2', '=0.2.93, <1', '>=0.2.93', '*', '0.2.*'])('%s → undefined', (req) =>
    expect(exactPin(req)).toBeUndefined(),
  );
});

describe('parseVersion and compareVersions', () => {
  it('parses X.Y.Z with optional v, pre-release and build', () => {
    expect(parseVersion('1.2.3')).toStrictEqual({ major: 1, minor: 2, patch: 3, pre: '' });
    expect(parseVersion('v0.2.93')).toStrictEqual({ major: 0, minor: 2, patch: 93, pre: '' });
    expect(parseVersion('1.0.0-alpha.1+build.7')).toStrictEqual({ major: 1, minor: 0, patch: 0, pre: 'alpha.1' });
  });

  it.each(['1.2', '1.2.3.4', '01.2.3', '1.2.3-', '1.2.3-01', ' 1.2.3', 'latest'])('rejects %s', (version) =>
    expect(parseVersion(version)).toBeUndefined(),
  );

  it('orders by SemVer precedence', () => {
    const sorted = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0'];
    expect([...sorted].reverse().sort(compareVersions)).toStrictEqual(sorted);
    expect(compareVersions('1.0.0-1', '1.0.0-a')).toBeLessThan(0);
    expect(compareVersions('1.0.0+a', 'v1.0.0+b')).toBe(0);
  });

  it('throws on an invalid version', () => expect(() => compareVersions('1.0', '1.0.0')).toThrow(/invalid version/));
});
