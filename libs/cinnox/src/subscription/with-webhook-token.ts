/** The URL CINNOX is given: the caller's URL with the webhook secret as `token`. */
export function withWebhookToken(url: string, secret: string | undefined): string {
  if (secret === undefined) return url;
  const withToken = new URL(url);
  withToken.searchParams.set('token', secret);
  return withToken.toString();
}

/** The URL as shown to the caller and logs: the token is never echoed back. */
export function withoutWebhookToken(url: string): string {
  if (!URL.canParse(url)) return url;
  const shown = new URL(url);
  if (!shown.searchParams.has('token')) return url;
  shown.searchParams.delete('token');
  return shown.toString();
}
