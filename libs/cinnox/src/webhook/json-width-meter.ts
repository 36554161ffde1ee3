import { CINNOX_WEBHOOK_MAX_VALUES } from '../cinnox.constants.js';

const OUTSIDE_STRING = /[",:[]/g;
const IN_STRING = /["\\]/g;

/**
 * Counts a JSON text's separators (`,` `:` `[` outside strings) as it arrives, so a body with thousands of
 * keys is refused before JSON.parse builds it: V8 spends microseconds per key on wide objects (a 55 KB body
 * of 7,000 keys took about 3,000 times a notification's parse), more than anything after it. Every value
 * after the first follows one of these, so the count bounds the number of values. Structural characters
 * are ASCII and never part of a UTF-8 multi-byte sequence, so bytes read as latin1 scan like the text.
 * Native regex search jumps over strings and numbers: a 60 KB string costs what its JSON.parse does.
 */
export class JsonWidthMeter {
  private inString = false;
  private escaped = false;
  private separators = 0;

  constructor(readonly maxSeparators = 2 * CINNOX_WEBHOOK_MAX_VALUES) {}

  /** Feeds the next piece of the text; false once it holds more separators than allowed. */
  write(chunk: Uint8Array | string): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1');
    let at = 0;
    if (this.escaped && text.length > 0) {
      this.escaped = false;
      at = 1;
    }
    while (at < text.length) {
      const pattern = this.inString ? IN_STRING : OUTSIDE_STRING;
      pattern.lastIndex = at;
      const found = pattern.exec(text);
      if (!found) return true;
      at = found.index + 1;
      const char = found[0];
      if (char === '"') this.inString = !this.inString;
      else if (char === '\\') {
        if (at === text.length) this.escaped = true;
        at++;
      } else if (++this.separators > this.maxSeparators) return false;
    }
    return true;
  }

  /** What to tell the sender. */
  get problem(): string {
    return `the body holds more than ${this.maxSeparators / 2} JSON values; a CINNOX notification holds a few dozen`;
  }
}
