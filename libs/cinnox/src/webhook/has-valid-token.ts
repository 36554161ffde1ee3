import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares the `token` query parameter with the secret in constant time (both are hashed first, so
 * neither the comparison nor its length check leaks how much of the token was right).
 */
export function hasValidToken(url: string | undefined, secretDigest: Buffer): boolean {
  const query = url?.split('?', 2)[1];
  const token = query === undefined ? null : new URLSearchParams(query).get('token');
  if (token === null) return false;
  return timingSafeEqual(digest(token), secretDigest);
}

export function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
