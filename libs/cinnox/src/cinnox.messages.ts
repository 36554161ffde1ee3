import { CinnoxErrorCode } from './errors/cinnox-error-code.js';

// Every message a user of the library can read is built here, so wording stays consistent
// and secrets (the app token) have exactly one place to be kept out of.

export const invalidOption = (name: string, expected: string, got?: unknown): string =>
  `CinnoxModule option "${name}" ${expected}` +
  (got === undefined ? '' : `, got ${describeValue(got)}`) +
  '. Fix it in CinnoxModule.forRoot()/forRootAsync().';

export const invalidArgument = (method: string, name: string, expected: string, got: unknown): string =>
  `${method} argument "${name}" ${expected}, got ${describeValue(got)}. Fix the call.`;

export const invalidQueueOption = (name: string, expected: string, got?: unknown): string =>
  `CinnoxQueueModule option "${name}" ${expected}` +
  (got === undefined ? '' : `, got ${describeValue(got)}`) +
  '. Fix it in CinnoxQueueModule.forRoot()/forRootAsync().';

export const queueBatchOutlastsEnqueue = (batchWindowMs: number, enqueueTimeoutMs: number): string =>
  `CinnoxQueueModule option "batchWindowMs" (${batchWindowMs} ms) must be less than "enqueueTimeoutMs" ` +
  `(${enqueueTimeoutMs} ms): a delivery waits for its batch before Redis is asked to store it, so every ` +
  'delivery would run out of time and be answered 503. Lower batchWindowMs (0 batches without a timer) or raise ' +
  'enqueueTimeoutMs, in CinnoxQueueModule.forRoot()/forRootAsync().';

export const webhookPathDeprecated = (path: string): string =>
  `CinnoxModule option "webhookPath" is deprecated: use hookPaths: { call: ${JSON.stringify(path)} } instead (the same route).`;

export const webhookPathConflict = (webhookPath: string, callPath: string): string =>
  `CinnoxModule options "webhookPath" (${JSON.stringify(webhookPath)}) and "hookPaths.call" (${JSON.stringify(callPath)}) ` +
  'both set the call route, differently. "webhookPath" is deprecated: keep only hookPaths: { call: ... }.';

export const moduleExtraInFactory = (name: string): string =>
  `CinnoxModule option "${name}" came from forRootAsync()'s factory (or its useClass / useExisting), where it is ` +
  'never read: it shapes the routes when the module is defined, before any factory runs. Give it beside ' +
  `useFactory instead: CinnoxModule.forRootAsync({ ${name}: ..., useFactory, inject }).`;

export const invalidWebhookUrl = (url: unknown): string =>
  `Webhook URL must be an absolute http:// or https:// URL, got ${describeValue(url)}.`;

export const invalidEnabled = (enabled: unknown): string => `"enabled" must be true or false, got ${describeValue(enabled)}.`;

export const invalidAppCredentials = (): string => 'The app override needs a non-empty appId and appToken.';

/** `request` is the method and path, e.g. `PATCH /v1/api/apps/x/call-event-sub`. */
export const apiRejected = (status: number, code: number | undefined, message: string | undefined, request: string, attempts = 1): string =>
  `CINNOX rejected ${request} with HTTP ${status}` +
  (attempts > 1 ? ` after ${attempts} attempts` : '') +
  (code === undefined ? '' : ` (code ${code})`) +
  (message ? `: ${message}` : '') +
  rejectionHint(status, code);

// CINNOX's documented codes first, then what the HTTP status suggests.
function rejectionHint(status: number, code: number | undefined): string {
  if (code === CinnoxErrorCode.TooManyRequests) return '. CINNOX allows 500 requests per minute per service account.';
  if (code === CinnoxErrorCode.InvalidToken || status === 401 || status === 403) return '. Check appToken.';
  if (code === CinnoxErrorCode.InvalidAppId) return '. Check appId.';
  if (code === CinnoxErrorCode.MethodNotFound) return '. CINNOX does not serve this path.';
  return status === 404 ? '. Check appId and baseUrl.' : '.';
}

/** CINNOX answered 6450001 to a hook's subscription: its path (assumed, for the conference hook) is wrong. */
export const subscriptionPathNotFound = (refusal: string, hook: string, path: string): string =>
  `${refusal} Set "subscription.paths.${hook}" to the path CINNOX gives the ${hook} subscription (now "${path}").`;

export const apiRedirected = (status: number, location: string | undefined, request: string): string =>
  `CINNOX answered ${request} with a redirect (HTTP ${status}${location ? ` to ${location}` : ''}); it was not followed, ` +
  "so the request (and the webhook URL with its token) went nowhere else. Check baseUrl: it must be the API's final address.";

export const apiUnreachable = (request: string, reason: string, timedOut: boolean): string =>
  `CINNOX could not be reached for ${request}: ${reason}` +
  (timedOut ? '. Raise timeoutMs or check the network.' : '. Check baseUrl and the network.');

export const apiProxyAnswered = (request: string, status: number, proxy: string, body: string, attempts = 1): string =>
  (status === 407
    ? `The proxy at ${proxy} refused ${request} with HTTP 407 (Proxy Authentication Required)`
    : `The proxy at ${proxy} answered ${request} itself with HTTP ${status} (${body}, not CINNOX's { code, message } JSON)`) +
  (attempts > 1 ? ` after ${attempts} attempts` : '') +
  '; CINNOX was not reached. ' +
  (status === 407
    ? "Give the proxy's credentials: http.proxy.auth, or user:password in the HTTP_PROXY / HTTPS_PROXY URL."
    : 'Check the proxy and its logs, or the proxy settings (http.proxy, HTTP_PROXY / HTTPS_PROXY / NO_PROXY).');

export const apiResponseTooLarge = (request: string, maxBytes: number): string =>
  `CINNOX's answer to ${request} was larger than ${maxBytes} bytes and was cut off unread. ` +
  "Check baseUrl (it must be CINNOX's API), or raise maxResponseBytes if its answers are really that large.";

export const apiUnexpectedResponse = (path: string, status: number, what: string): string =>
  `CINNOX answered PATCH ${path} with HTTP ${status} but ${what}; this does not match the documented shape { code, result: { enabled, url, updatedAt } }.`;

export const trackedCallTrimmed = (callId: string, callees: number): string =>
  `Call ${callId} is tracked with at most 10 of its ${callees} callee(s) and party strings cut to 128 characters; call.start carries them all.`;

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
  "This request reached the CINNOX webhook by a path its checks do not watch, so it is refused; the app's log names the path they watch.";

/** The guard refused a request the gate never saw: the route is served somewhere the gate does not expect. */
export const webhookPathUnexpected = (hook: string, request: string, route: string | undefined, expected: string | undefined): string =>
  `Refused with 401: ${request} reached the CINNOX ${hook} webhook${route ? ` (route ${route})` : ''} without its checks, which watch ` +
  `${expected ?? '(no path)'}, the path Nest's global prefix and its exclude list give the route. Something moved the route ` +
  "after those (a URL rewrite after the checks, RouterModule, a router option): choose its path with the module's " +
  '`hookPaths` option, which the checks follow.';

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

export const shutdownGraceOver = (waitedMs: number, requests: number, listeners: number): string =>
  `Shutdown waited ${waitedMs} ms (shutdownGraceMs less the time kept for the teardown) and ${requests} request(s) and ` +
  `${listeners} listener dispatch(es) are unfinished; open connections are closed now. Raise shutdownGraceMs if they need longer.`;
export const shutdownDelayStarted = (delayMs: number): string =>
  `Shutting down: the health indicator reports down and the app keeps serving for shutdownDelayMs (${delayMs} ms) before it drains.`;
export const terminusShutdownDelayConflict = (terminusMs: number, delayMs: number): string =>
  `TerminusModule's gracefulShutdownTimeoutMs (${terminusMs} ms) would wait in beforeApplicationShutdown, after nestjs-cinnox ` +
  'has stopped accepting requests, so it delays the exit without keeping anything served. nestjs-cinnox owns the shutdown delay: ' +
  `remove gracefulShutdownTimeoutMs from TerminusModule.forRoot() and set shutdownDelayMs: ${Math.max(terminusMs, delayMs)} ` +
  "in CinnoxModule's options (the health indicator is down and webhooks still answer during it).";
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

/** The webhook's body could not be taken in for a reason of the app's, not the sender's (answered 500). */
export const webhookBodyUnreadable = (reason: string): string =>
  `Could not read a CINNOX webhook body (${reason}); answered 500 so CINNOX delivers it again. The webhook reads its ` +
  "own body: middleware or hooks that run before the library's (on the Express or Fastify instance given to Nest's " +
  'adapter) must leave the request stream of the webhook routes untouched (not read, no encoding set) and not fail.';

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

export const openApiValidatorUnknown = (dto: string, property: string, validator: string): string =>
  `Cannot describe ${dto}.${property} in OpenAPI: its class-validator constraint "${validator}" has no JSON Schema mapping (add one to webhook/to-json-schema.ts).`;

export const deliveryLogOff = (): string =>
  'The delivery log is off: set the "deliveryLog" option of CinnoxModule.forRoot()/forRootAsync() (e.g. deliveryLog: {}) to record deliveries.';

export const deliveryLogWriteFailed = (reason: string): string =>
  `The delivery log's store refused a write (${reason}); entries wait in the buffer and are written again at the next flush.`;

export const deliveryLogRecovered = (): string => "The delivery log's store accepts writes again.";

export const postgresSchemaInvalid = (schema: unknown): string =>
  `The PostgreSQL stores' "schema" must be a lowercase identifier (letters, digits, _; not starting with a digit; at most 63), got ${describeValue(schema)}. Pass another schema name to the store's constructor.`;

export const coverageOff = (): string =>
  'Coverage is off: set the "coverage" option of CinnoxModule.forRoot()/forRootAsync() (e.g. coverage: {}) to record the gaps in which nothing could be received.';

export const coverageGapClosed = (hook: string, from: Date, to: Date, reason: string): string =>
  `Coverage gap of hook "${hook}" (${reason}): nothing could be received from ${from.toISOString()} to ${to.toISOString()}.`;

export const coverageStoreFailed = (reason: string): string =>
  `The coverage store failed (${reason}); heartbeats and gaps are written again at the next heartbeat.`;

export const coverageStoreRecovered = (): string => 'The coverage store answers again.';
export const reportQueryRefused = (request: string, status: number, vendorMessage: string | undefined): string =>
  `CINNOX refused the report query ${request} (HTTP ${status}, code 6451000${vendorMessage ? `: ${vendorMessage}` : ''}). ` +
  "The query parameters are inferred from CINNOX's error table (reports/report-parameters.ts); if CINNOX has documented " +
  'them since, that file is where they change.';

export const reportWindowTooLong = (request: string, maxDays: number): string =>
  `CINNOX refused the report query ${request}: its window is longer than CINNOX's maximum of ${maxDays} day(s). ` +
  'Split the window, or iterate with CinnoxReports.eachCallLog() / eachCallDetail(), which split it.';

export const reportLimitsExhausted = (request: string, vendorMessage: string): string =>
  `CINNOX refused the report query ${request} again after the client adapted to it ("${vendorMessage}"); nothing smaller is left to try.`;

export const reportUnexpectedResponse = (request: string, status: number, what: string): string =>
  `CINNOX answered ${request} with HTTP ${status} but the body has ${what}.`;

export const callsNotSettled = (calls: number, reason: string): string =>
  `${calls} completed call(s) could not be settled now (${reason}); they are tried again later (calls.settle).`;

export const callsSettledUnreported = (callId: string, attempts: number): string =>
  `CINNOX's call log had no record of call ${callId} after ${attempts} read(s); call.settled is emitted with reported: false.`;

export const reconcileFailed = (from: Date, to: Date, reason: string): string =>
  `The reconcile pass of ${from.toISOString()} to ${to.toISOString()} stopped (${reason}); ` +
  'calls it did not reach are completed by the next pass of the window.';
