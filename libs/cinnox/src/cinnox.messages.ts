// Every message a user of the library can read is built here, so wording stays consistent
// and secrets (the app token) have exactly one place to be kept out of.

export const invalidOption = (name: string, expected: string, got?: unknown): string =>
  `CinnoxModule option "${name}" ${expected}` +
  (got === undefined ? '' : `, got ${describeValue(got)}`) +
  '. Fix it in CinnoxModule.forRoot()/forRootAsync().';

export const invalidWebhookUrl = (url: unknown): string =>
  `Webhook URL must be an absolute http:// or https:// URL, got ${describeValue(url)}.`;

export const invalidEnabled = (enabled: unknown): string => `"enabled" must be true or false, got ${describeValue(enabled)}.`;

export const invalidAppCredentials = (): string => 'The app override needs a non-empty appId and appToken.';

export const apiRejected = (status: number, code: number | undefined, message: string | undefined, path: string, attempts = 1): string =>
  `CINNOX rejected PATCH ${path} with HTTP ${status}` +
  (attempts > 1 ? ` after ${attempts} attempts` : '') +
  (code === undefined ? '' : ` (code ${code})`) +
  (message ? `: ${message}` : '') +
  (status === 401 || status === 403 ? '. Check appToken.' : status === 404 ? '. Check appId and baseUrl.' : '.');

export const apiUnreachable = (path: string, reason: string, timedOut: boolean): string =>
  `CINNOX could not be reached for PATCH ${path}: ${reason}` +
  (timedOut ? '. Raise timeoutMs or check the network.' : '. Check baseUrl and the network.');

export const apiUnexpectedResponse = (path: string, status: number, what: string): string =>
  `CINNOX answered PATCH ${path} with HTTP ${status} but ${what}; this does not match the documented shape { code, result: { enabled, url, updatedAt } }.`;

export const webhookBodyInvalid = (detail: string): string => `Invalid CINNOX webhook body: ${detail}`;

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

export const webhookUnauthorized = (): string =>
  'Missing or wrong webhook token: subscribe the URL through CinnoxSubscriptionService so it carries ?token=.';

export const webhookForbidden = (): string => 'This source address may not call the CINNOX webhook (webhook.allowedSources).';

export const storeUnavailable = (what: string, reason: string): string =>
  `The webhook's ${what} is unavailable (${reason}); deliver again later.`;

export const callTrackerOff = (): string =>
  'The call tracker is off: set calls: { track: true } in CinnoxModule.forRoot()/forRootAsync() to use CinnoxCallTracker.';
