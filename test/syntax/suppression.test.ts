/** The suppression comment syntax reads the same in every `#`-comment file kind, and nowhere else. */
import { describe, expect, test } from 'vitest';
import { SourceMap } from '../../src/syntax/source.ts';
import { scanSuppressions } from '../../src/syntax/suppression.ts';

let serial = 0;
const scan = (path: string, text: string) => {
  const file = new SourceMap().add(path, `/t/${serial++}/${path}`, text);
  return scanSuppressions(file).map((c) => ({ line: c.line, rules: c.rules.map((r) => text.slice(r.span.start, r.span.end)), reason: c.reason, comment: text.slice(c.span.start, c.span.end) }));
};

describe('scanSuppressions', () => {
  test('a trailing comment covers its own line, a comment alone the next one', () => {
    expect(scan('Cargo.toml', 'a = 1 # wasm-doctor: allow(x/y) reason="r"\n  # wasm-doctor: allow(x/*) reason="s"\nb = 2\n')).toEqual([
      { line: 1, rules: ['x/y'], reason: 'r', comment: '# wasm-doctor: allow(x/y) reason="r"' },
      { line: 3, rules: ['x/*'], reason: 's', comment: '# wasm-doctor: allow(x/*) reason="s"' },
    ]);
  });

  test('a list of rules, each with its own span', () => {
    expect(scan('justfile', 'x: # wasm-doctor: allow( a/b ,c/d,  e/* ) reason="why"\n')[0]?.rules).toEqual(['a/b', 'c/d', 'e/*']);
  });

  test('a missing or empty reason is no reason', () => {
    expect(scan('Makefile', '# wasm-doctor: allow(a/b)\n# wasm-doctor: allow(a/b) reason=""\n').map((c) => c.reason)).toEqual([undefined, undefined]);
  });

  test.each(['Cargo.toml', '.github/workflows/ci.yml', 'Dockerfile', 'build.Dockerfile', 'Makefile', 'justfile', 'scripts/release.sh', 'Cargo.lock', 'flake.nix'])('read in %s', (path) => {
    expect(scan(path, '# wasm-doctor: allow(a/b) reason="r"\nx\n')).toHaveLength(1);
  });

  test.each(['package.json', 'index.html', 'src/main.rs'])('not read in %s (no # comments)', (path) => {
    expect(scan(path, '# wasm-doctor: allow(a/b) reason="r"\n')).toEqual([]);
  });

  test('a # inside a string or a word is not a comment', () => {
    expect(scan('Cargo.toml', 'a = "# wasm-doctor: allow(a/b) reason=\\"r\\""\nb = \'x # wasm-doctor: allow(a/b)\'\n')).toEqual([]);
    expect(scan('build.sh', 'echo x#wasm-doctor: allow(a/b)\n')).toEqual([]);
  });
});
