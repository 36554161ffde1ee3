import fc from 'fast-check';
import { CINNOX_DEFAULT_HOOK_PATHS } from 'nestjs-cinnox';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { CINNOX_WEBHOOK_MAX_VALUES } from '../../libs/cinnox/src/cinnox.constants.js';

// Generators for the fuzz suite's gate properties (issue 10): what must never get past the webhook's gate.

/** The webhook path with each letter's case flipped at random (at least one) and 0 to 3 trailing slashes. */
export const pathSpelling = fc
  .record({
    flips: fc.array(fc.boolean(), { minLength: CINNOX_DEFAULT_HOOK_PATHS.call.length, maxLength: CINNOX_DEFAULT_HOOK_PATHS.call.length }),
    slashes: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ flips, slashes }) => {
    const cased = CINNOX_DEFAULT_HOOK_PATHS.call.replace(/./g, (char, i: number) => (flips[i] ? char.toUpperCase() : char));
    return `/${cased}${'/'.repeat(slashes)}`;
  })
  .filter((path) => path !== `/${CINNOX_DEFAULT_HOOK_PATHS.call}`);

/** Bodies with more values than CINNOX_WEBHOOK_MAX_VALUES, well under the 64 KiB limit, in every place a body has. */
export const manyKeys = fc
  .record({
    count: fc.integer({ min: CINNOX_WEBHOOK_MAX_VALUES + 1, max: 5000 }),
    where: fc.constantFrom('top', 'message', 'caller', 'array'),
  })
  .map(({ count, where }) => {
    const wide = Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 0]));
    const message: Record<string, unknown> = callStartNotification().message;
    if (where === 'top') return { ...wide, message };
    if (where === 'message') return { message: { ...wide, ...message } };
    if (where === 'caller') return { message: { ...message, caller: { ...wide, number: '85212345678' } } };
    return { message: { ...message, callees: Array.from({ length: count }, () => 0) } };
  });

/** A header token (RFC 9110) that is not `excluded`, whatever its case. */
export const tokenOtherThan = (...excluded: string[]) =>
  fc
    .oneof(
      fc.constantFrom('gzip', 'x-gzip', 'deflate', 'br', 'compress', 'zstd', 'GZIP', 'gzip, identity', 'identity, gzip'),
      fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9!#$%&'*+.^_`|~-]{0,15}$/),
    )
    .filter((token) => !excluded.includes(token.toLowerCase()));

/** A charset other than UTF-8, in a JSON Content-Type. */
export const foreignCharset = fc
  .oneof(
    fc.constantFrom('iso-8859-1', 'latin1', 'utf-16', 'utf-16le', 'UTF-16BE', 'windows-1252', 'us-ascii', 'shift_jis', 'utf-7', '"utf-32"'),
    tokenOtherThan('utf-8', 'utf8'),
  )
  .filter((charset) => !['utf-8', 'utf8', '"utf-8"', '"utf8"'].includes(charset.toLowerCase()));
