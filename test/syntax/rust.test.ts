import { describe, expect, test } from 'vitest';
import { maskRustLiterals } from '../../src/syntax/rust.ts';

const kept = (text: string): string => maskRustLiterals(text).replace(/\s+/g, ' ').trim();

describe('maskRustLiterals', () => {
  test('keeps code, blanks comments and literals, preserves length and line breaks', () => {
    const text = 'let a = "x // y"; // Renderer\n/* outer /* inner */ still */ b(r#"Renderer"#, b\'c\', \'\\n\');\nfn f<\'a>(x: &\'a str) {}';
    const masked = maskRustLiterals(text);
    expect(masked).toHaveLength(text.length);
    expect(masked.split('\n')).toHaveLength(3);
    expect(kept(text)).toBe("let a = ; b( , , ); fn f<'a>(x: &'a str) {}");
  });
  test('an unterminated literal or comment runs to the end', () => {
    expect(kept('a "Renderer')).toBe('a');
    expect(kept('a /* Renderer')).toBe('a');
  });
  test('a prefix letter inside a word is not a literal prefix', () => {
    expect(kept('bar"x" ident')).toBe('bar ident');
  });
});
