import { describe, expect, it } from 'vitest';
import { escapeControlChars } from './escape-control-chars.js';

describe('escapeControlChars', () => {
  it('escapes newlines, ANSI escapes, C1 controls and line separators', () => {
    expect(escapeControlChars('a\nb\r\tc\u001b[31mred\u0000\u007f\u0085\u2028')).toBe(
      'a\\nb\\r\\tc\\u001b[31mred\\u0000\\u007f\\u0085\\u2028',
    );
  });

  it('leaves printable text, non-ASCII included, alone', () => {
    expect(escapeControlChars('call 42 +852 ☎ 電話')).toBe('call 42 +852 ☎ 電話');
  });
});
