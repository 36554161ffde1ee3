import type { Provider } from '@nestjs/common';
import {
  CINNOX_DEFAULT_SHUTDOWN_GRACE_MS,
  CINNOX_DEFAULT_TIMEOUT_MS,
  CINNOX_DEFAULT_MAX_RESPONSE_BYTES,
  CINNOX_RESOLVED_OPTIONS,
  CINNOX_WEBHOOK_BODY_LIMIT,
  CINNOX_WEBHOOK_BODY_TIMEOUT_MS,
} from './cinnox.constants.js';
import { invalidOption, moduleExtraInFactory } from './cinnox.messages.js';
import { CINNOX_MODULE_OPTIONS } from './cinnox.module-definition.js';
import { CinnoxCallStore } from './stores/cinnox-call.store.js';
import { CinnoxMemoryCallStore } from './calls/cinnox-memory-call.store.js';
import { CinnoxDedupeStore } from './stores/cinnox-dedupe.store.js';
import { CinnoxMemoryDedupeStore } from './dedupe/cinnox-memory-dedupe.store.js';
import { CinnoxOptionsError } from './errors/cinnox-options.error.js';
import { CinnoxDeliveryLogStore } from './stores/cinnox-delivery-log.store.js';
import { CinnoxMemoryDeliveryLogStore } from './delivery-log/cinnox-memory-delivery-log.store.js';
import { CinnoxCoverageStore } from './stores/cinnox-coverage.store.js';
import type { CinnoxReconcileOptions, CinnoxResolvedReconcileOptions } from './cinnox-reconcile-options.interface.js';
import { CinnoxMemoryCoverageStore } from './coverage/cinnox-memory-coverage.store.js';
import type {
  CinnoxCoverageOptions,
  CinnoxDeliveryLogOptions,
  CinnoxCallsOptions,
  CinnoxModuleExtras,
  CinnoxModuleOptions,
  CinnoxResolvedOptions,
} from './cinnox-options.interface.js';
import type {
  CinnoxResolvedSubscriptionOptions,
  CinnoxSubscriptionOptions,
  CinnoxUrlSource,
} from './cinnox-subscription-options.interface.js';
import type {
  CinnoxReportsOptions,
  CinnoxRequestBudgetOptions,
  CinnoxResolvedReportsOptions,
  CinnoxResolvedRequestBudgetOptions,
} from './cinnox-reports-options.interface.js';
import { CINNOX_HOOKS } from './domain/cinnox-hook-name.js';
import { isHttpUrl } from './net/is-http-url.js';
import { resolveHttpOptions } from './resolve-http-options.js';
import { toAllowList } from './net/to-allow-list.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MAX_TIMER_MS = 2_147_483_647;

/** Merges defaults once and fails start-up with an error naming the bad option. */
export function resolveCinnoxOptions(options: CinnoxModuleOptions | undefined): CinnoxResolvedOptions {
  const given = (options ?? {}) as Partial<CinnoxModuleOptions>;
  refuseModuleExtras(given);
  const { baseUrl, appId, appToken, timeoutMs = CINNOX_DEFAULT_TIMEOUT_MS, retry = {}, webhook = {}, subscription } = given;
  if (typeof baseUrl !== 'string' || !isHttpUrl(baseUrl)) {
    fail('baseUrl', 'must be an absolute http:// or https:// URL', baseUrl);
  }
  if (typeof appId !== 'string' || appId.trim() === '') fail('appId', 'must be a non-empty string', appId);
  // Secrets are never echoed, even when they are wrong.
  if (typeof appToken !== 'string' || appToken.trim() === '') fail('appToken', 'must be a non-empty string');
  const { secret, allowedSources, dedupeStore } = webhook;
  const secrets: readonly unknown[] = secret === undefined ? [] : Array.isArray(secret) ? secret : [secret];
  if (secret !== undefined && (secrets.length === 0 || secrets.some((one) => typeof one !== 'string' || one.length < 16))) {
    fail('webhook.secret', 'must be a string of at least 16 characters, or a non-empty list of them');
  }
  if (allowedSources !== undefined) {
    const bad = Array.isArray(allowedSources) ? allowedSources.find((source) => !isSource(source)) : allowedSources;
    if (bad !== undefined || !Array.isArray(allowedSources))
      fail('webhook.allowedSources', 'must be an array of IP addresses or CIDRs', bad);
  }
  if (dedupeStore !== undefined && !(dedupeStore instanceof CinnoxDedupeStore)) {
    fail('webhook.dedupeStore', 'must extend CinnoxDedupeStore');
  }
  if (webhook.awaitListeners !== undefined && typeof webhook.awaitListeners !== 'boolean') {
    fail('webhook.awaitListeners', 'must be true or false', webhook.awaitListeners);
  }
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    appId,
    appToken,
    timeoutMs: positive('timeoutMs', timeoutMs),
    maxResponseBytes: positive('maxResponseBytes', given.maxResponseBytes ?? CINNOX_DEFAULT_MAX_RESPONSE_BYTES),
    shutdownGraceMs: positive('shutdownGraceMs', given.shutdownGraceMs ?? CINNOX_DEFAULT_SHUTDOWN_GRACE_MS),
    http: resolveHttpOptions(given.http),
    shutdownDelayMs: whole('shutdownDelayMs', given.shutdownDelayMs ?? 0),
    retry: {
      retries: whole('retry.retries', retry.retries ?? 3),
      baseDelayMs: whole('retry.baseDelayMs', retry.baseDelayMs ?? 200),
      maxDelayMs: whole('retry.maxDelayMs', retry.maxDelayMs ?? 5000),
      deadlineMs: positive('retry.deadlineMs', retry.deadlineMs ?? 30_000),
    },
    webhook: {
      secret: secrets[0] as string | undefined,
      secrets: secrets as readonly string[],
      allowedSources,
      bodyLimitBytes: positive('webhook.bodyLimitBytes', webhook.bodyLimitBytes ?? CINNOX_WEBHOOK_BODY_LIMIT),
      bodyTimeoutMs: positive('webhook.bodyTimeoutMs', webhook.bodyTimeoutMs ?? CINNOX_WEBHOOK_BODY_TIMEOUT_MS),
      dedupeTtlMs: positive('webhook.dedupeTtlMs', webhook.dedupeTtlMs ?? DAY_MS),
      dedupeStore: dedupeStore ?? new CinnoxMemoryDedupeStore(),
      awaitListeners: webhook.awaitListeners ?? false,
    },
    subscription: subscription === undefined ? undefined : resolveSubscription(subscription),
    calls: resolveCalls(given.calls),
    deliveryLog: given.deliveryLog === undefined ? undefined : resolveDeliveryLog(given.deliveryLog),
    coverage: given.coverage === undefined ? undefined : resolveCoverage(given.coverage, subscription?.maxSilenceMs),
    requestBudget: resolveRequestBudget(given.requestBudget),
    reports: resolveReports(given.reports),
    reconcile: resolveReconcile(given.reconcile, given.calls?.track === true),
  };
}

function resolveReconcile(reconcile: CinnoxReconcileOptions | undefined, track: boolean): CinnoxResolvedReconcileOptions {
  if (reconcile !== undefined && !isObject(reconcile)) fail('reconcile', 'must be an object such as { intervalMs: 300000 }', reconcile);
  if (reconcile !== undefined && !track) fail('reconcile', 'needs the call tracker: set calls.track to true as well');
  const { gaps = true, intervalMs } = reconcile ?? {};
  if (typeof gaps !== 'boolean') fail('reconcile.gaps', 'must be true or false', gaps);
  return {
    gaps,
    ...(intervalMs === undefined ? {} : { intervalMs: delay('reconcile.intervalMs', intervalMs) }),
    lookbackMs: positive('reconcile.lookbackMs', reconcile?.lookbackMs ?? HOUR_MS),
  };
}

function resolveCoverage(
  coverage: CinnoxCoverageOptions,
  maxSilenceMs: number | undefined,
): NonNullable<CinnoxResolvedOptions['coverage']> {
  if (coverage === null || typeof coverage !== 'object' || Array.isArray(coverage))
    fail('coverage', 'must be an object such as {} (the defaults)', coverage);
  const { store, silence = false } = coverage;
  if (store !== undefined && !(store instanceof CinnoxCoverageStore)) fail('coverage.store', 'must extend CinnoxCoverageStore');
  if (typeof silence !== 'boolean') fail('coverage.silence', 'must be true or false', silence);
  if (silence && maxSilenceMs === undefined)
    fail('coverage.silence', 'needs "subscription.maxSilenceMs" (the silence it measures) to be set');
  return Object.freeze({
    store: store ?? new CinnoxMemoryCoverageStore(),
    heartbeatIntervalMs: delay('coverage.heartbeatIntervalMs', coverage.heartbeatIntervalMs ?? 1000),
    silence,
    retentionMs: positive('coverage.retentionMs', coverage.retentionMs ?? 30 * DAY_MS),
  });
}

function resolveRequestBudget(budget: CinnoxRequestBudgetOptions | undefined): CinnoxResolvedRequestBudgetOptions {
  if (budget !== undefined && !isObject(budget)) fail('requestBudget', 'must be an object such as { requestsPerMinute: 450 }', budget);
  const requestsPerMinute = positive('requestBudget.requestsPerMinute', budget?.requestsPerMinute ?? 450);
  const burst = positive('requestBudget.burst', budget?.burst ?? Math.min(45, Math.max(1, Math.floor(requestsPerMinute / 10))));
  if (burst >= requestsPerMinute) fail('requestBudget.burst', `must be less than requestsPerMinute (${requestsPerMinute})`, burst);
  const subscriptionReserve = whole('requestBudget.subscriptionReserve', budget?.subscriptionReserve ?? Math.min(10, burst - 1));
  if (subscriptionReserve >= burst) fail('requestBudget.subscriptionReserve', `must be less than burst (${burst})`, subscriptionReserve);
  return Object.freeze({ requestsPerMinute, burst, subscriptionReserve });
}

function resolveReports(reports: CinnoxReportsOptions | undefined): CinnoxResolvedReportsOptions {
  if (reports !== undefined && !isObject(reports)) fail('reports', 'must be an object such as { pageSize: 100 }', reports);
  const maxQueryDays = reports?.maxQueryDays;
  return Object.freeze({
    pageSize: positive('reports.pageSize', reports?.pageSize ?? 100),
    ...(maxQueryDays === undefined ? {} : { maxQueryDays: positive('reports.maxQueryDays', maxQueryDays) }),
  });
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveDeliveryLog(log: CinnoxDeliveryLogOptions): NonNullable<CinnoxResolvedOptions['deliveryLog']> {
  if (log === null || typeof log !== 'object' || Array.isArray(log))
    fail('deliveryLog', 'must be an object such as {} (the defaults)', log);
  const { store, maskPhoneNumbers = false } = log;
  if (store !== undefined && !(store instanceof CinnoxDeliveryLogStore)) fail('deliveryLog.store', 'must extend CinnoxDeliveryLogStore');
  if (typeof maskPhoneNumbers !== 'boolean') fail('deliveryLog.maskPhoneNumbers', 'must be true or false', maskPhoneNumbers);
  const bufferSize = positive('deliveryLog.bufferSize', log.bufferSize ?? 10_000);
  const batchSize = positive('deliveryLog.batchSize', log.batchSize ?? 500);
  if (batchSize > bufferSize) fail('deliveryLog.batchSize', `must not be more than bufferSize (${bufferSize})`, batchSize);
  return Object.freeze({
    store: store ?? new CinnoxMemoryDeliveryLogStore(),
    retentionMs: positive('deliveryLog.retentionMs', log.retentionMs ?? 7 * DAY_MS),
    maskPhoneNumbers,
    bufferSize,
    flushIntervalMs: delay('deliveryLog.flushIntervalMs', log.flushIntervalMs ?? 1000),
    batchSize,
  });
}

// forRoot() leaves the extras out of the options it provides (they are all listed in the module definition),
// so one found here came from forRootAsync()'s factory, useClass or useExisting, after the routes were made.
const MODULE_EXTRAS = ['hooks', 'hookPaths', 'webhookPath', 'isGlobal'] as const satisfies readonly (keyof CinnoxModuleExtras)[];

function refuseModuleExtras(given: object): void {
  const extra = MODULE_EXTRAS.find((name) => Object.hasOwn(given, name));
  if (extra !== undefined) throw new CinnoxOptionsError(extra, moduleExtraInFactory(extra));
}

function resolveCalls(calls: CinnoxCallsOptions | undefined): CinnoxResolvedOptions['calls'] {
  if (calls !== undefined && (calls === null || typeof calls !== 'object' || Array.isArray(calls))) {
    fail('calls', 'must be an object such as { track: true }', calls);
  }
  const { track = false, store, maxRecords, settle } = calls ?? {};
  if (typeof track !== 'boolean') fail('calls.track', 'must be true or false', track);
  if (settle !== undefined && !isObject(settle)) fail('calls.settle', 'must be an object such as { delayMs: 60000 }', settle);
  if (settle !== undefined && !track) fail('calls.settle', 'needs the call tracker: set calls.track to true as well');
  if (store !== undefined && !(store instanceof CinnoxCallStore)) fail('calls.store', 'must extend CinnoxCallStore');
  if (store !== undefined && maxRecords !== undefined) {
    fail('calls.maxRecords', "applies to the default in-memory store only; give it to your store's constructor");
  }
  return {
    track,
    store: store ?? new CinnoxMemoryCallStore(maxRecords === undefined ? undefined : positive('calls.maxRecords', maxRecords)),
    maxCallDurationMs: positive('calls.maxCallDurationMs', calls?.maxCallDurationMs ?? 4 * HOUR_MS),
    retentionMs: positive('calls.retentionMs', calls?.retentionMs ?? DAY_MS),
    settle:
      settle === undefined
        ? undefined
        : Object.freeze({
            delayMs: delay('calls.settle.delayMs', settle.delayMs ?? 60_000),
            attempts: positive('calls.settle.attempts', settle.attempts ?? 5),
          }),
  };
}

function resolveSubscription(given: CinnoxSubscriptionOptions): CinnoxResolvedSubscriptionOptions {
  if (typeof given !== 'object' || given === null) fail('subscription', 'must be an object', given);
  const { url, publicUrl, maxSilenceMs, unsubscribeOnShutdown = false, backoff = {} } = given;
  if (url === undefined && publicUrl === undefined) fail('subscription.url', 'or "subscription.publicUrl" must be set');
  urlSource('subscription.url', url);
  urlSource('subscription.publicUrl', publicUrl);
  if (typeof unsubscribeOnShutdown !== 'boolean')
    fail('subscription.unsubscribeOnShutdown', 'must be true or false', unsubscribeOnShutdown);
  const initialDelayMs = delay('subscription.backoff.initialDelayMs', backoff.initialDelayMs ?? 1000);
  const maxDelayMs = delay('subscription.backoff.maxDelayMs', backoff.maxDelayMs ?? 60_000);
  if (maxDelayMs < initialDelayMs) fail('subscription.backoff.maxDelayMs', 'must not be less than initialDelayMs', maxDelayMs);
  return {
    url,
    publicUrl: typeof publicUrl === 'string' ? publicUrl.replace(/\/+$/, '') : publicUrl,
    refreshIntervalMs: delay('subscription.refreshIntervalMs', given.refreshIntervalMs ?? HOUR_MS),
    maxSilenceMs: maxSilenceMs === undefined ? undefined : delay('subscription.maxSilenceMs', maxSilenceMs),
    unsubscribeOnShutdown,
    unsubscribeTimeoutMs: delay('subscription.unsubscribeTimeoutMs', given.unsubscribeTimeoutMs ?? 2000),
    backoff: { initialDelayMs, maxDelayMs },
    paths: resolveSubscriptionPaths(given.paths),
  };
}

// One path segment each, for a hook the library knows: a typo fails at boot, not as CINNOX's 6450001 later.
function resolveSubscriptionPaths(given: CinnoxSubscriptionOptions['paths']): CinnoxResolvedSubscriptionOptions['paths'] {
  if (given === undefined) return Object.freeze({});
  if (typeof given !== 'object' || given === null) fail('subscription.paths', 'must be an object of paths by hook', given);
  for (const [hook, path] of Object.entries(given)) {
    if (!(CINNOX_HOOKS as readonly string[]).includes(hook))
      fail(`subscription.paths.${hook}`, `names no hook; known hooks: ${CINNOX_HOOKS.join(', ')}`);
    if (typeof path !== 'string' || !/^[\w.~-]+$/.test(path))
      fail(`subscription.paths.${hook}`, 'must be one path segment such as "conference-event-sub"', path);
  }
  return Object.freeze({ ...given });
}

// A function is checked when it is called, once the server listens.
function urlSource(option: string, value: CinnoxUrlSource | undefined): void {
  if (value === undefined || typeof value === 'function') return;
  if (typeof value !== 'string' || !isHttpUrl(value)) fail(option, 'must be an absolute http:// or https:// URL or a function', value);
}

export const cinnoxResolvedOptionsProvider: Provider = {
  provide: CINNOX_RESOLVED_OPTIONS,
  useFactory: resolveCinnoxOptions,
  inject: [CINNOX_MODULE_OPTIONS],
};

function fail(option: string, expected: string, got?: unknown): never {
  throw new CinnoxOptionsError(option, invalidOption(option, expected, got));
}

function positive(option: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) <= 0) fail(option, 'must be a positive whole number', value);
  return value as number;
}

// setTimeout fires at once for anything above 2^31 - 1 ms (about 24.8 days).
function delay(option: string, value: unknown): number {
  const ms = positive(option, value);
  if (ms > MAX_TIMER_MS) fail(option, `must be at most ${MAX_TIMER_MS} (about 24.8 days)`, value);
  return ms;
}

function whole(option: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0) fail(option, 'must be a whole number, 0 or more', value);
  return value as number;
}

function isSource(source: unknown): boolean {
  if (typeof source !== 'string') return false;
  try {
    toAllowList([source]);
    return true;
  } catch {
    return false;
  }
}
