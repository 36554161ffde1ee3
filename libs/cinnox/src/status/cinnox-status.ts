import { Inject, Injectable, Optional } from '@nestjs/common';
import { CINNOX_WEBHOOK_ROUTES } from '../cinnox.constants.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import type { CinnoxSubscription } from '../domain/cinnox-subscription.interface.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import type { CinnoxSubscriptionState } from '../domain/cinnox-subscription-state.js';

/**
 * A hook's place in the subscription lifecycle, as `CinnoxStatus` keeps it.
 * @publicApi
 */
export interface CinnoxLifecycleStatus {
  readonly state: CinnoxSubscriptionState;
  /** The webhook URL, without its token. */
  readonly url: string;
  /** When the state was entered. */
  readonly since: Date;
  /** The message of the last failure, on `retrying` and `failed`. */
  readonly lastError?: string;
}

// The module's own app has no key of its own: a subscription set with another app's credentials is kept apart.
const OWN_APP = '';

/**
 * What this process knows of its CINNOX link: the last subscription CINNOX confirmed, per app and hook, the
 * subscription lifecycle's state per hook, when the last notification arrived, and whether the app is
 * shutting down. Read by `CinnoxHealthIndicator`; no I/O. Core state: the webhook, the subscription client
 * and the shutdown write it (through its methods marked internal), everyone else only reads it.
 * @publicApi
 */
@Injectable()
export class CinnoxStatus {
  /** The hooks whose webhook routes are enabled (the module's `hooks` extra), in that order. */
  readonly hooks: readonly (CinnoxHookName | (string & {}))[];
  private readonly subscriptions = new Map<string, CinnoxSubscription>();
  private readonly subscribedAt = new Map<string, Date>();
  private readonly lifecycles = new Map<string, CinnoxLifecycleStatus>();
  private readonly notifiedAt = new Map<string, Date>();
  private readonly inPlace = new Set<string>();
  private lastAt?: Date;
  private stoppingAt?: Date;

  // The routes' shape only: core does not import the wire.
  constructor(@Optional() @Inject(CINNOX_WEBHOOK_ROUTES) routes?: readonly { readonly hook: { readonly name: string } }[]) {
    this.hooks = routes?.map((route) => route.hook.name) ?? [CINNOX_CALL_HOOK];
  }

  /** When the last valid notification (duplicates included) of any hook was accepted, if any. */
  get lastNotificationAt(): Date | undefined {
    return this.lastAt;
  }

  /** When the last valid notification of `hook` was accepted (answered 2xx), if any. */
  lastNotificationOf(hook: string): Date | undefined {
    return this.notifiedAt.get(hook);
  }

  /**
   * Records a notification the webhook accepted (a delivery refused with 503 is not one: CINNOX sends it
   * again). The webhook calls it; silence watchdogs read it.
   * @internal
   */
  notified(hook: string, at: Date): void {
    this.notifiedAt.set(hook, at);
    this.lastAt = at;
  }

  /**
   * The lifecycle's re-confirmation settings; undefined when the `subscription` option is not set.
   * @internal
   */
  lifecycleSettings?: { readonly refreshIntervalMs: number; readonly maxSilenceMs?: number };

  /**
   * The last subscription CINNOX confirmed for `hook`; undefined when unknown (never set by this process).
   * @param appId another app's id, as passed to `CinnoxSubscriptionService.set(..., app)`; unset: the module's app.
   */
  subscription(hook: CinnoxHookName | (string & {}) = CINNOX_CALL_HOOK, appId?: string): CinnoxSubscription | undefined {
    return this.subscriptions.get(keyOf(hook, appId));
  }

  /**
   * When `hook`'s subscription became active, as this process saw it: the lifecycle's entry into `active`
   * or, without the lifecycle, the first confirmation of `enabled: true` since it was last off or unknown.
   * Undefined while it is not active.
   */
  activeSince(hook: CinnoxHookName | (string & {}) = CINNOX_CALL_HOOK): Date | undefined {
    const lifecycle = this.lifecycles.get(hook);
    if (lifecycle) return lifecycle.state === 'active' ? lifecycle.since : undefined;
    return this.subscribedAt.get(keyOf(hook));
  }

  /** @internal Written by the subscription client only; `appId` set when another app's credentials were used. */
  recordSubscription(hook: CinnoxHookName | (string & {}), subscription: CinnoxSubscription, appId?: string): void {
    const key = keyOf(hook, appId);
    if (!subscription.enabled) this.subscribedAt.delete(key);
    else if (!this.subscriptions.get(key)?.enabled) this.subscribedAt.set(key, new Date());
    this.subscriptions.set(key, subscription);
  }

  /** The lifecycle's state of `hook`; undefined when the lifecycle does not manage it. */
  lifecycle(hook: CinnoxHookName | (string & {}) = CINNOX_CALL_HOOK): CinnoxLifecycleStatus | undefined {
    return this.lifecycles.get(hook);
  }

  /** @internal Written by the subscription lifecycle only. */
  recordLifecycle(hook: CinnoxHookName | (string & {}), status: CinnoxLifecycleStatus): void {
    this.lifecycles.set(hook, status);
    // A re-confirmation retrying after `active` leaves the subscription in place; anything else but active ends it.
    if (status.state === 'active') this.inPlace.add(hook);
    else if (status.state !== 'retrying') this.inPlace.delete(hook);
  }

  /**
   * Whether the lifecycle knows `hook`'s subscription to be in place: confirmed since this process started and
   * not refused, restarted or turned off since (a re-confirmation that is retrying keeps it). Undefined without
   * the subscription lifecycle, which alone knows.
   */
  subscriptionInPlace(hook: CinnoxHookName | (string & {}) = CINNOX_CALL_HOOK): boolean | undefined {
    return this.lifecycleSettings ? this.inPlace.has(hook) : undefined;
  }

  /** When the app began to shut down (`app.close()`, SIGTERM); undefined while it serves. */
  get shuttingDownSince(): Date | undefined {
    return this.stoppingAt;
  }

  /** @internal Written by the graceful shutdown only, at its first hook. */
  recordShutdown(at: Date): void {
    this.stoppingAt ??= at;
  }
}

function keyOf(hook: string, appId: string = OWN_APP): string {
  return appId === OWN_APP ? hook : `${appId}\u0000${hook}`;
}
