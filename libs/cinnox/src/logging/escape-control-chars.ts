// C0 controls, DEL, C1 controls and the Unicode line/paragraph separators: whatever could end a log line
// or drive a terminal (ANSI escapes start with ESC, U+001B).
// oxlint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with control characters written as escapes (`\n`, `\u001b`, ...), so a value from outside (a
 * call id, a number, an error message) cannot forge log lines or colour a terminal.
 * @param text the text to put in a log line.
 * @publicApi
 */
export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, (char) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
