import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

/**
 * SHA-256 (base64url) of `value` serialized with its keys sorted, so the same content sent with its keys
 * in another order gives the same digest.
 */
export function contentDigest(value: unknown): string {
  return createHash('sha256')
    .update(stringify(value) ?? '')
    .digest('base64url');
}
