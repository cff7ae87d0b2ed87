/** Colour for the text format: the only chalk importer (design.md §0 item 6). */
import { Chalk } from 'chalk';

export type StyleName = 'error' | 'warning' | 'info' | 'gutter' | 'primary-error' | 'primary-warning' | 'primary-info' | 'secondary' | 'bold' | 'note' | 'help' | 'diff-add' | 'diff-del';

export type Stylesheet = (style: StyleName, text: string) => string;

export const plain: Stylesheet = (_style, text) => text;

/** `{style}text{/}` tags, so colour decisions show in snapshots. */
export const tags: Stylesheet = (style, text) => (text === '' ? '' : `{${style}}${text}{/}`);

export function chalkStyles(): Stylesheet {
  const c = new Chalk({ level: 1 });
  const map: Record<StyleName, (s: string) => string> = {
    error: c.red.bold,
    warning: c.yellow.bold,
    info: c.cyan.bold,
    gutter: c.blue.bold,
    'primary-error': c.red.bold,
    'primary-warning': c.yellow.bold,
    'primary-info': c.cyan.bold,
    secondary: c.blue.bold,
    bold: c.bold,
    note: c.bold,
    help: c.cyan.bold,
    'diff-add': c.green,
    'diff-del': c.red,
  };
  return (style, text) => (text === '' ? '' : map[style](text));
}
