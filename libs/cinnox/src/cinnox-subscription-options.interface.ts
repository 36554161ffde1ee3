import type { AddressInfo } from 'node:net';
import type { CinnoxHookName } from './domain/cinnox-hook-name.js';

/**
 * A URL, or a function that builds it from the address the HTTP server listens on (for URLs that carry a
 * port picked at listen time: local demos, tests). Called once the server listens.
 * @publicApi
 */
export type CinnoxUrlSource = string | ((address: AddressInfo) => string);

/**
 * How long the subscription lifecycle waits between attempts while CINNOX cannot be subscribed: doubling
 * from `initialDelayMs` up to `maxDelayMs`, each wait drawn between half and all of it (jitter), so
 * replicas restarted together do not retry in step.
 * @publicApi
 */
export interface CinnoxBackoffOptions {
  /**
   * Wait after the first failure, in ms.
   * @default 1000
   */
  initialDelayMs?: number;
  /**
   * Longest wait between attempts, in ms.
   * @default 60000
   */
  maxDelayMs?: number;
}

/**
 * The subscription lifecycle: the library subscribes its webhook itself once the HTTP server listens,
 * keeps trying until CINNOX accepts, re-confirms it periodically, and (optionally) unsubscribes on shutdown.
 * @publicApi
 */
export interface CinnoxSubscriptionOptions {
  /**
   * Public URL of the call hook's webhook as CINNOX must call it, whole: used as given, nothing appended but
   * the token (added when `webhook.secret` is set and the URL has no `token` parameter). Wins over
   * `publicUrl` for the call hook, and serves no other hook: an app with other hooks enabled sets
   * `publicUrl`, which gives every enabled hook its URL (without it, each other hook's subscription ends
   * `failed`, its error naming `subscription.publicUrl`; the call hook's is not affected).
   */
  url?: CinnoxUrlSource;
  /**
   * The app's public origin: scheme, host and port, plus any path a reverse proxy adds in front of the app,
   * and nothing of the app's own. Each enabled hook's URL is this plus the path the app serves its route at:
   * the global prefix (`app.setGlobalPrefix()`, unless its `exclude` covers the route), then the route. No
   * version is added: the webhook routes are version-neutral. E.g. `https://example.com` with
   * `setGlobalPrefix('api')` subscribes `https://example.com/api/cinnox/webhooks/call-events`.
   */
  publicUrl?: CinnoxUrlSource;
  /**
   * Re-confirm the subscription (the PATCH is idempotent; CINNOX has no read call) this often, in ms, so
   * a subscription CINNOX dropped comes back by itself.
   * @default 3600000 (1 h)
   */
  refreshIntervalMs?: number;
  /**
   * Also re-confirm when no notification arrived for this long, in ms. Off by default: quiet hours are normal.
   * The health indicator reports `degraded` while the silence lasts.
   */
  maxSilenceMs?: number;
  /**
   * Unsubscribe before the HTTP server closes on shutdown (one replica of several should not).
   * @default false
   */
  unsubscribeOnShutdown?: boolean;
  /**
   * Deadline of the shutdown unsubscribe, in ms, retries included, so shutdown stays in its grace period.
   * @default 2000
   */
  unsubscribeTimeoutMs?: number;
  /** Waits between attempts while subscribing fails. */
  backoff?: CinnoxBackoffOptions;
  /**
   * CINNOX's subscription path of a hook, where it is not `{hook}-event-sub`: the last segment of
   * `PATCH /v1/api/apps/{appID}/<path>`, used by the lifecycle and by `CinnoxSubscriptionService`. CINNOX does not
   * document the conference hook's: its default `conference-event-sub` is assumed, and when CINNOX answers
   * 6450001 (path not found) the hook's subscription ends `failed` with an error naming `subscription.paths.<hook>`.
   * @default `{hook}-event-sub` for every hook
   */
  paths?: Partial<Record<CinnoxHookName, string>>;
}

/** Subscription options after defaults are merged and validated. */
export interface CinnoxResolvedSubscriptionOptions {
  readonly url?: CinnoxUrlSource;
  readonly publicUrl?: CinnoxUrlSource;
  readonly refreshIntervalMs: number;
  readonly maxSilenceMs?: number;
  readonly unsubscribeOnShutdown: boolean;
  readonly unsubscribeTimeoutMs: number;
  readonly backoff: Required<CinnoxBackoffOptions>;
  /** The paths given, by hook; a hook not listed is subscribed at `{hook}-event-sub`. */
  readonly paths: Readonly<Partial<Record<CinnoxHookName, string>>>;
}
