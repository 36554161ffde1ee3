import { Injectable } from '@nestjs/common';
import { CINNOX_CALL_HOOK } from '../cinnox.constants.js';
import type { CinnoxHook, CinnoxSubscription } from '../subscription/cinnox-subscription.interface.js';
import type { CinnoxSubscriptionState } from '../subscription/cinnox-subscription-state.js';

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

/**
 * What this process knows of its CINNOX link: the last subscription CINNOX confirmed, per hook, the
 * subscription lifecycle's state per hook, and when the last notification arrived. Read by
 * `CinnoxHealthIndicator`; no I/O. Core state: the webhook and the subscription client write it
 * (through its `@internal` methods), everyone else only reads it.
 * @publicApi
 */
@Injectable()
export class CinnoxStatus {
  private readonly subscriptions = new Map<string, CinnoxSubscription>();
  private readonly lifecycles = new Map<string, CinnoxLifecycleStatus>();
  private readonly notifiedAt = new Map<string, Date>();
  private lastAt?: Date;

  /** When the last valid notification (duplicates included) of any hook arrived, if any. */
  get lastNotificationAt(): Date | undefined {
    return this.lastAt;
  }

  /** When the last valid notification of `hook` arrived, if any. */
  lastNotificationOf(hook: string): Date | undefined {
    return this.notifiedAt.get(hook);
  }

  /**
   * Records a valid notification's arrival (the webhook calls it; silence watchdogs read it).
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

  /** The last subscription CINNOX confirmed for `hook`; undefined when unknown (never set by this process). */
  subscription(hook: CinnoxHook = CINNOX_CALL_HOOK): CinnoxSubscription | undefined {
    return this.subscriptions.get(hook);
  }

  /** @internal Written by the subscription client only. */
  recordSubscription(hook: CinnoxHook, subscription: CinnoxSubscription): void {
    this.subscriptions.set(hook, subscription);
  }

  /** The lifecycle's state of `hook`; undefined when the lifecycle does not manage it. */
  lifecycle(hook: CinnoxHook = CINNOX_CALL_HOOK): CinnoxLifecycleStatus | undefined {
    return this.lifecycles.get(hook);
  }

  /** @internal Written by the subscription lifecycle only. */
  recordLifecycle(hook: CinnoxHook, status: CinnoxLifecycleStatus): void {
    this.lifecycles.set(hook, status);
  }
}
