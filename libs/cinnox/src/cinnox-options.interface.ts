import type { CinnoxHookName } from './domain/cinnox-hook-name.js';
import type { CinnoxCallStore } from './stores/cinnox-call.store.js';
import type { CinnoxDedupeStore } from './stores/cinnox-dedupe.store.js';
import type { CinnoxDeliveryLogStore } from './stores/cinnox-delivery-log.store.js';
import type { CinnoxCoverageStore } from './stores/cinnox-coverage.store.js';
import type { CinnoxHttpOptions, CinnoxResolvedHttpOptions } from './cinnox-http-options.interface.js';
import type { CinnoxReconcileOptions, CinnoxResolvedReconcileOptions } from './cinnox-reconcile-options.interface.js';
import type { CinnoxResolvedSubscriptionOptions, CinnoxSubscriptionOptions } from './cinnox-subscription-options.interface.js';
import type {
  CinnoxReportsOptions,
  CinnoxRequestBudgetOptions,
  CinnoxResolvedReportsOptions,
  CinnoxResolvedRequestBudgetOptions,
} from './cinnox-reports-options.interface.js';

/**
 * Retries of the subscription client. The PATCH sets a state, so repeating it is safe.
 * @publicApi
 */
export interface CinnoxRetryOptions {
  /**
   * Retries after the first attempt, on network errors, timeouts, 429 and 5xx (never on other 4xx).
   * @default 3
   */
  retries?: number;
  /**
   * First backoff delay in ms; it doubles per retry, with jitter.
   * @default 200
   */
  baseDelayMs?: number;
  /**
   * Longest wait between attempts in ms, a `Retry-After` header included.
   * @default 5000
   */
  maxDelayMs?: number;
  /**
   * Overall deadline of one subscription call in ms, all attempts and waits included.
   * @default 30000
   */
  deadlineMs?: number;
}

/**
 * How the webhook routes (one per enabled hook) receive deliveries.
 * @publicApi
 */
export interface CinnoxWebhookOptions {
  /**
   * Shared secret: the subscription client adds it to the registered URL as `?token=`, and every webhook
   * route answers 401 to any request without it (compared in constant time, before the body is read). A list
   * rotates without a gap: the first is registered, every one is accepted.
   */
  secret?: string | readonly string[];
  /**
   * Source addresses allowed to call the webhook routes (IPs or CIDRs, v4 or v6); others get 403. The client
   * address honours the app's `trust proxy` setting. Unset: any source.
   */
  allowedSources?: string[];
  /**
   * Largest body accepted, in bytes; larger ones get 413.
   * @default 65536
   */
  bodyLimitBytes?: number;
  /**
   * How long a client may take to send the body once its headers arrived, in ms; one that runs out gets
   * 408 and its connection closed, so slow clients cannot hold sockets (header timeouts are the server's:
   * see `server.headersTimeout`).
   * @default 10000
   */
  bodyTimeoutMs?: number;
  /**
   * How long an event's `eventId` (`<hook>:<id>:<status>...`) is remembered to drop redeliveries, in ms.
   * @default 86400000 (24 h)
   */
  dedupeTtlMs?: number;
  /**
   * Where delivered notifications are remembered. Default: an in-memory store of 100,000 keys.
   * @default new CinnoxMemoryDedupeStore()
   */
  dedupeStore?: CinnoxDedupeStore;
  /**
   * When true, CINNOX gets its 200 after every listener (async ones included) has settled; when false,
   * as soon as the event is dispatched (synchronous listeners have run, async ones go on). Listeners
   * declared with `{ async: true }` start on the next turn of the event loop and are waited for too.
   * @default false
   */
  awaitListeners?: boolean;
}

/**
 * The call tracker: pairs each call's start and end into one record, emits `call.completed` and
 * `call.stale`, and answers `CinnoxCallTracker.get()` / `list()`.
 * @publicApi
 */
export interface CinnoxCallsOptions {
  /**
   * Turn the tracker on.
   * @default false
   */
  track?: boolean;
  /**
   * Where records are kept; share one (e.g. `CinnoxRedisCallStore` from `nestjs-cinnox/redis`) between
   * replicas. Default: an in-memory store of `maxRecords` records.
   * @default new CinnoxMemoryCallStore(maxRecords)
   */
  store?: CinnoxCallStore;
  /**
   * A call started longer ago than this without an end becomes stale (`call.stale`), in ms. Checked
   * every quarter of it, at most every minute.
   * @default 14400000 (4 h)
   */
  maxCallDurationMs?: number;
  /**
   * How long an ended or stale call is kept, in ms.
   * @default 86400000 (24 h)
   */
  retentionMs?: number;
  /**
   * Most records the default in-memory store keeps (the first seen goes first). For a store
   * of your own, give it to its constructor. A record keeps at most 10 callees and 128 characters a party
   * string (logged when a start is trimmed; `call.start` carries everything), so this caps bytes too: under
   * 8 KiB of heap a record whatever the payload.
   * @default 100000
   */
  maxRecords?: number;
  /**
   * Settle completed calls with CINNOX's own record (`call.settled`). Off by default; needs `track`.
   */
  settle?: CinnoxCallSettleOptions;
}

/**
 * Settling: some time after a call completes, the library reads CINNOX's call log (and call detail) for it,
 * stores what CINNOX reports on the call's record (`cinnox`) and emits `call.settled` once per call, across
 * replicas sharing the call store. Calls ended close together are settled by one query per report.
 * @publicApi
 */
export interface CinnoxCallSettleOptions {
  /**
   * How long after a call completes to read CINNOX's record of it, in ms (CINNOX's reports fill in after the
   * call); each attempt that finds nothing waits twice as long as the one before.
   * @default 60000
   */
  delayMs?: number;
  /**
   * Reads before giving up: then `call.settled` is emitted with `reported: false` and `cinnox: null`.
   * @default 5
   */
  attempts?: number;
}

/**
 * The delivery log: every delivery the webhook accepted (handshakes and refused requests are not), with its
 * outcome, listed by `CinnoxDeliveryLog` and replayed by `CinnoxReplay`. Writes wait in a bounded buffer and
 * reach the store in batches, off the response path.
 * @publicApi
 */
export interface CinnoxDeliveryLogOptions {
  /**
   * Where entries are kept; share a durable one between replicas (and give queue workers the same option).
   * @default new CinnoxMemoryDeliveryLogStore() (10,000 entries)
   */
  store?: CinnoxDeliveryLogStore;
  /**
   * How long entries are kept, in ms, by receipt time; older ones are deleted in batches of `batchSize`,
   * checked every quarter of it (at most every minute).
   * @default 604800000 (7 days)
   */
  retentionMs?: number;
  /**
   * Keep bodies (and derived events) with phone numbers masked: every field the hooks' DTOs validate as a
   * phone number keeps its leading `+` and last four digits. A replay then emits the masked numbers.
   * @default false
   */
  maskPhoneNumbers?: boolean;
  /**
   * Most entries waiting for the store; beyond it new entries are dropped and counted
   * (`cinnox_delivery_log_dropped_total`).
   * @default 10000
   */
  bufferSize?: number;
  /**
   * How often waiting entries are written, in ms.
   * @default 1000
   */
  flushIntervalMs?: number;
  /**
   * Most entries per write; a write starts as soon as this many wait.
   * @default 500
   */
  batchSize?: number;
}

/**
 * Coverage: the intervals in which deliveries of a hook could not have been received (no replica running,
 * the subscription not in place, optionally CINNOX silent), each closed gap emitted once as
 * `cinnox.coverage.gap`, counted, and listed by `CinnoxCoverage.gaps()` and the health indicator.
 * @publicApi
 */
export interface CinnoxCoverageOptions {
  /**
   * Where heartbeats and gaps are kept; share a durable one between replicas (`CinnoxPostgresCoverageStore`
   * from `nestjs-cinnox/postgres`). The in-memory store sees gaps within this process's life only.
   * @default new CinnoxMemoryCoverageStore()
   */
  store?: CinnoxCoverageStore;
  /**
   * How often each replica writes a heartbeat, in ms. No heartbeat from any replica for more than three
   * intervals is a `no-replica` gap; gaps close about three intervals after the heartbeat that ends them.
   * @default 1000
   */
  heartbeatIntervalMs?: number;
  /**
   * Also record `silence` gaps: no notification of an active hook for longer than `subscription.maxSilenceMs`
   * (which must be set).
   * @default false
   */
  silence?: boolean;
  /**
   * How long closed gaps are kept, in ms, by their end; older ones are deleted in batches.
   * @default 2592000000 (30 days)
   */
  retentionMs?: number;
}

/**
 * Options of `CinnoxModule.forRoot()` / the factory of `forRootAsync()`.
 * @publicApi
 */
export interface CinnoxModuleOptions {
  /** Base URL of the CINNOX API, e.g. `https://api.example.cinnox.com`; no trailing `/v1`. */
  baseUrl: string;
  /** The CINNOX app ID (`{appID}` in the API path). */
  appId: string;
  /** The app token sent as `Authorization: Bearer <appToken>`; never logged. */
  appToken: string;
  /**
   * Timeout of one subscription request attempt, in milliseconds.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * Largest answer read from CINNOX's API, in bytes; a larger one is cut off and refused with a
   * `CinnoxResponseError`, so a broken or hostile server cannot fill the heap.
   * @default 1048576 (1 MiB)
   */
  maxResponseBytes?: number;
  /**
   * How long a graceful stop (`app.close()`, SIGTERM with `enableShutdownHooks()`) may take, in ms: the
   * server stops accepting at once, responses under way say `Connection: close`, then requests under way
   * and the listeners they dispatched are waited for, for up to `shutdownGraceMs` less a fifth (at most 1 s,
   * kept for the teardown that follows); then every connection is closed. Work done at shutdown through
   * the library (an unsubscribe) is bounded by it too.
   * @default 5000
   */
  shutdownGraceMs?: number;
  /**
   * How long a graceful stop keeps serving before it drains, in ms, for rolling restarts behind a load
   * balancer: from the first shutdown hook (`app.close()`, SIGTERM with `enableShutdownHooks()`), the
   * `CinnoxHealthIndicator` entries are `down` (so `/health` answers 503) while webhooks and everything
   * else still answer as usual; then the drain of `shutdownGraceMs` starts (the delay comes before the
   * grace period, not inside it). Runs in the library's `onModuleDestroy` hook, before any
   * `beforeApplicationShutdown` / `onApplicationShutdown` hook, on SIGTERM and `app.close()` alike. The
   * library owns this delay: leave `@nestjs/terminus`'s `gracefulShutdownTimeoutMs` unset (it waits in
   * `beforeApplicationShutdown`, after the server stopped accepting); the app refuses to start when it is set.
   * Set it a little above the balancer's health-check interval times its unhealthy threshold.
   * @default 0
   */
  shutdownDelayMs?: number;
  /** Retries of the subscription client. */
  retry?: CinnoxRetryOptions;
  /** How CINNOX's API is reached: proxy, agents, extra headers (axios request config fields). */
  http?: CinnoxHttpOptions;
  /** Webhook receiving options. */
  webhook?: CinnoxWebhookOptions;
  /** Keep every enabled hook subscribed: set to have the library subscribe them once the server listens. Unset: no lifecycle. */
  subscription?: CinnoxSubscriptionOptions;
  /** The call tracker (off by default). */
  calls?: CinnoxCallsOptions;
  /** The delivery log (off by default: without this option nothing is logged). */
  deliveryLog?: CinnoxDeliveryLogOptions;
  /** Coverage gaps (off by default: without this option no heartbeat is written). */
  coverage?: CinnoxCoverageOptions;
  /** The budget every call to CINNOX's API shares, with a reserve for subscription calls. */
  requestBudget?: CinnoxRequestBudgetOptions;
  /** Where the report client starts its page size and window length. */
  reports?: CinnoxReportsOptions;
  /** Reconcile passes: calls completed from CINNOX's call log when their webhooks were lost (needs `calls.track`). */
  reconcile?: CinnoxReconcileOptions;
}

/**
 * Options read synchronously when the module is defined (they shape routes, so they cannot wait for a factory).
 * Pass them beside the options in `forRoot({...})` or beside `useFactory` in `forRootAsync({...})`; one
 * returned by `forRootAsync()`'s factory (or `useClass` / `useExisting`) fails start-up with a
 * `CinnoxOptionsError` that says so.
 * @publicApi
 */
export interface CinnoxModuleExtras {
  /**
   * Register the module globally.
   * @default false
   */
  isGlobal?: boolean;
  /**
   * Route of the call hook's webhook, relative to the app's global prefix.
   * @deprecated use `hookPaths: { call: ... }` (the same route). Still honoured, with a warning logged once at
   * boot; given beside a different `hookPaths.call`, it fails with a `CinnoxOptionsError`.
   */
  webhookPath?: string;
  /**
   * The CINNOX hooks this app receives, each on its own route.
   * @default ['call']
   */
  hooks?: readonly CinnoxHookName[];
  /**
   * Routes of the hooks' webhooks, relative to the global prefix, where the default
   * `cinnox/webhooks/<hook>-events` (`CINNOX_DEFAULT_HOOK_PATHS`) does not suit.
   */
  hookPaths?: Partial<Record<CinnoxHookName, string>>;
}

/** Options after defaults are merged and validated. */
export interface CinnoxResolvedOptions {
  readonly baseUrl: string;
  readonly appId: string;
  readonly appToken: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly shutdownGraceMs: number;
  readonly shutdownDelayMs: number;
  readonly retry: Required<CinnoxRetryOptions>;
  readonly http: CinnoxResolvedHttpOptions;
  readonly webhook: Required<Omit<CinnoxWebhookOptions, 'secret' | 'allowedSources'>> &
    Pick<CinnoxWebhookOptions, 'allowedSources'> & {
      /** The secret registered with CINNOX (the first of the list). */
      readonly secret?: string;
      /** Every secret the webhook accepts; empty when no token is required. */
      readonly secrets: readonly string[];
    };
  /** Undefined when the host did not ask for the subscription lifecycle. */
  readonly subscription?: CinnoxResolvedSubscriptionOptions;
  readonly calls: Required<Omit<CinnoxCallsOptions, 'maxRecords' | 'settle'>> & {
    /** Undefined when settling is off. */
    readonly settle?: Readonly<Required<CinnoxCallSettleOptions>>;
  };
  /** Undefined when the host did not ask for the delivery log. */
  readonly deliveryLog?: Readonly<Required<CinnoxDeliveryLogOptions>>;
  /** Undefined when the host did not ask for coverage. */
  readonly coverage?: Readonly<Required<CinnoxCoverageOptions>>;
  readonly requestBudget: CinnoxResolvedRequestBudgetOptions;
  readonly reports: CinnoxResolvedReportsOptions;
  readonly reconcile: CinnoxResolvedReconcileOptions;
}
