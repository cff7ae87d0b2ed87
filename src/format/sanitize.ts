/**
 * Terminal safety: text from project files never reaches a terminal raw. C0 controls (but tab),
 * DEL, C1 controls and the bidi overrides become visible `\u{..}` escapes, so ANSI sequences,
 * carriage returns and OSC strings cannot act.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export const sanitize = (text: string): string => text.replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
