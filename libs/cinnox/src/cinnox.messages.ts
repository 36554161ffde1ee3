import { CinnoxErrorCode } from './errors/cinnox-error-code.js';

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
  rejectionHint(status, code);

// CINNOX's documented codes first, then what the HTTP status suggests.
function rejectionHint(status: number, code: number | undefined): string {
  if (code === CinnoxErrorCode.TooManyRequests) return '. CINNOX allows 500 requests per minute per service account.';
  if (code === CinnoxErrorCode.InvalidToken || status === 401 || status === 403) return '. Check appToken.';
  if (code === CinnoxErrorCode.InvalidAppId) return '. Check appId.';
  return status === 404 ? '. Check appId and baseUrl.' : '.';
}

export const apiRedirected = (status: number, location: string | undefined, path: string): string =>
  `CINNOX answered PATCH ${path} with a redirect (HTTP ${status}${location ? ` to ${location}` : ''}); it was not followed, ` +
  "so the request (and the webhook URL with its token) went nowhere else. Check baseUrl: it must be the API's final address.";

export const apiUnreachable = (path: string, reason: string, timedOut: boolean): string =>
  `CINNOX could not be reached for PATCH ${path}: ${reason}` +
  (timedOut ? '. Raise timeoutMs or check the network.' : '. Check baseUrl and the network.');

export const apiUnexpectedResponse = (path: string, status: number, what: string): string =>
  `CINNOX answered PATCH ${path} with HTTP ${status} but ${what}; this does not match the documented shape { code, result: { enabled, url, updatedAt } }.`;

export const webhookBodyInvalid = (detail: string): string => `Invalid CINNOX webhook body: ${detail}`;

/** A notification of `hook` without a field it cannot be told apart (or acted on) without. */
export const hookFieldMissing = (hook: string, field: string): string =>
  webhookBodyInvalid(
    `${field} must be a non-empty string in every ${hook} notification; nothing was emitted ` +
      '(a URL verification carries a non-empty "challenge" and no notification fields)',
  );

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

export const webhookNotAdmitted = (): string =>
  'This request reached the CINNOX webhook without passing its checks (source, token, size, content type); it is refused.';

export const webhookBodyTimeout = (ms: number): string => `Invalid CINNOX webhook body: the body did not arrive within ${ms} ms`;
export const subscriptionStarting = (hook: string, url: string): string => `Subscribing ${url} to CINNOX ${hook} events.`;

export const subscriptionActive = (hook: string, url: string, refreshIntervalMs: number, maxSilenceMs?: number): string =>
  `CINNOX ${hook} events are subscribed to ${url}; re-confirmed every ${refreshIntervalMs} ms` +
  (maxSilenceMs === undefined ? '.' : ` and after ${maxSilenceMs} ms without a notification.`);

export const subscriptionRetrying = (hook: string, url: string, reason: string, maxDelayMs: number): string =>
  `CINNOX ${hook} subscription of ${url} failed: ${reason} Retrying with backoff (at most ${maxDelayMs} ms apart) until it succeeds.`;

export const subscriptionFailed = (hook: string, url: string, reason: string, fix: string): string =>
  `CINNOX ${hook} subscription of ${url} cannot succeed: ${reason} ${fix} Nothing is retried until the app restarts.`;

export const subscriptionOff = (hook: string, url: string): string => `Unsubscribed ${url} from CINNOX ${hook} events on shutdown.`;

export const unsubscribeFailed = (hook: string, url: string, reason: string): string =>
  `Could not unsubscribe ${url} from CINNOX ${hook} events on shutdown: ${reason} CINNOX may go on delivering to it.`;

export const subscriptionFix = (what: 'appToken' | 'appId' | 'option'): string =>
  what === 'option' ? 'Fix the option it names.' : `Fix the "${what}" option of CinnoxModule.`;

export const subscriptionListenerFailed = (event: string, reason: string): string =>
  `A listener of ${event} threw (the subscription lifecycle goes on): ${reason}`;
export const shutdownGraceOver = (waitedMs: number, requests: number, listeners: number): string =>
  `Shutdown waited ${waitedMs} ms (shutdownGraceMs less the time kept for the teardown) and ${requests} request(s) and ` +
  `${listeners} listener dispatch(es) are unfinished; open connections are closed now. Raise shutdownGraceMs if they need longer.`;
export const eventEmitterMissing = (): string =>
  'CinnoxModule emits its events through @nestjs/event-emitter, but no EventEmitter2 is available. ' +
  "Import EventEmitterModule.forRoot() (from '@nestjs/event-emitter') in your root module, beside CinnoxModule.";

export const healthWithoutCinnoxModule = (): string =>
  'CinnoxHealthIndicator reports what CinnoxModule saw, but CinnoxModule is not in this app. ' +
  'Import CinnoxModule.forRoot() (or forRootAsync()) beside CinnoxHealthModule.';

export const dualPackageLoaded = (first: string, second: string): string =>
  `nestjs-cinnox was loaded twice in this process, as ${first} and as ${second}: classes and DI tokens ` +
  '(CinnoxModule, CinnoxDedupeStore, instanceof CinnoxError) now exist twice and do not match. ' +
  'Load it one way: every import, or every require.';
export const callTrackerOff = (): string =>
  'The call tracker is off: set calls: { track: true } in CinnoxModule.forRoot()/forRootAsync() to use CinnoxCallTracker.';

export const webhookInternalError = (): string => 'Internal error while handling the CINNOX webhook';

export const webhookAnswered503 = (reason: string): string => `Answered 503 to CINNOX: ${reason}`;

export const webhookAdapterUnsupported = (type: string): string =>
  `Webhook body checks support Express and Fastify; on "${type}" every webhook request is refused (401).`;

export const bodyTooLarge = (limit: number): string => `the body is larger than ${limit} bytes`;

export const notAnIpAddress = (source: string): string => `not an IP address: ${source}`;

export const badCidrPrefix = (source: string): string => `bad prefix: ${source}`;

export const redisNoAnswer = (what: string, ms: number): string => `Redis did not ${what} within ${ms} ms`;

export const invalidRedisStoreTimeout = (got: unknown): string =>
  `Redis store option "timeoutMs" must be a positive whole number of ms (at most 2147483647), got ${describeValue(got)}. ` +
  'Fix it where you construct the store.';

export const appShuttingDown = (): string => 'the app is shutting down';

export const bodyEmpty = (): string => 'the body is empty; send a JSON object';

export const bodyNotJson = (reason: string): string => `the body is not valid JSON (${reason})`;

export const subscriptionResultInvalid = (field: string, expected: string): string => `"result.${field}" is not ${expected}`;

export const subscriptionBodyInvalid = (problem: string): string => `the body ${problem}`;
