import { Injectable } from '@nestjs/common';
import type { CinnoxSubscription } from '../subscription/cinnox-subscription.interface.js';

/**
 * What this process knows of its CINNOX link: the last subscription CINNOX confirmed, per hook, and
 * when the last notification arrived. Read by `CinnoxHealthIndicator`; no I/O.
 * @publicApi
 */
@Injectable()
export class CinnoxStatus {
  private readonly subscriptions = new Map<string, CinnoxSubscription>();
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

  /** Records a valid notification's arrival (the webhook calls it; silence watchdogs read it). */
  notified(hook: string, at: Date): void {
    this.notifiedAt.set(hook, at);
    this.lastAt = at;
  }

  /** The last subscription CINNOX confirmed for `hook`; undefined when unknown (never set by this process). */
  subscription(hook = 'call'): CinnoxSubscription | undefined {
    return this.subscriptions.get(hook);
  }

  recordSubscription(hook: string, subscription: CinnoxSubscription): void {
    this.subscriptions.set(hook, subscription);
  }
}
