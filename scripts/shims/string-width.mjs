// Bundle-time stand-in for string-width, which yargs uses only to lay out help (see cliui.mjs).
export default function stringWidth(text) {
  return [...String(text)].length;
}
