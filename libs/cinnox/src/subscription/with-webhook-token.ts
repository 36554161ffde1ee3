/**
 * The URL CINNOX is given: the caller's URL with the webhook secret as `token`, unless it carries a
 * `token` already. With a list of secrets (rotation), the first is registered.
 */
export function withWebhookToken(url: string, secret: string | readonly string[] | undefined): string {
  const registered = typeof secret === 'string' ? secret : secret?.[0];
  if (registered === undefined) return url;
  const withToken = new URL(url);
  if (withToken.searchParams.has('token')) return url;
  withToken.searchParams.set('token', registered);
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
