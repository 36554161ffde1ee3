import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when the URL carries exactly one `token` query parameter equal to one of the secrets. A token
 * given twice is refused: which one a parser would pick differs (first here, last in JSON), and the
 * gate must not be the one that guesses. Each comparison hashes both sides first and every secret is
 * compared, so neither timing nor length leaks how much of the token was right or which secret matched.
 */
export function hasValidToken(url: string | undefined, secretDigests: readonly Buffer[]): boolean {
  const query = url?.split('?', 2)[1];
  if (query === undefined) return false;
  const tokens = new URLSearchParams(query).getAll('token');
  if (tokens.length !== 1) return false;
  const given = digest(tokens[0]!);
  let valid = false;
  for (const secret of secretDigests) valid = timingSafeEqual(given, secret) || valid;
  return valid;
}

export function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
