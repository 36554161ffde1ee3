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
  /** When the last valid notification (duplicates included) arrived, if any. */
  lastNotificationAt?: Date;

  /** The last subscription CINNOX confirmed for `hook`; undefined when unknown (never set by this process). */
  subscription(hook = 'call'): CinnoxSubscription | undefined {
    return this.subscriptions.get(hook);
  }

  recordSubscription(hook: string, subscription: CinnoxSubscription): void {
    this.subscriptions.set(hook, subscription);
  }
}
