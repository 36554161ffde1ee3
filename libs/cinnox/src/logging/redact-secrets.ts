/** What a secret is replaced with in messages and logs. */
export const REDACTED = '[redacted]';

// A `token` query parameter in any URL, whoever wrote it (CINNOX echoing the registered URL, axios).
const TOKEN_PARAMETER = /([?&;]token=)[^&#\s"'<>]+/gi;

/**
 * `text` with every occurrence of the secrets (as given and URL-encoded) and every `token=` query value
 * replaced by `[redacted]`. Applied wherever text from outside (CINNOX's messages, axios errors, URLs)
 * enters an error message or a log line.
 * @param text the text to clean.
 * @param secrets the webhook secret(s) and app token(s); empty and undefined entries are skipped.
 * @publicApi
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let clean = text.replace(TOKEN_PARAMETER, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
      clean = clean.replaceAll(form, REDACTED);
    }
  }
  return clean;
}
