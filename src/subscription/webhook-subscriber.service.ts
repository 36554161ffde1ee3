import { Injectable, Logger } from '@nestjs/common';
import { CinnoxError, CinnoxSubscriptionService, type CinnoxSubscription } from 'nestjs-cinnox';

/** Subscribes the app's webhook once the app listens, so it can answer CINNOX's challenge. */
@Injectable()
export class WebhookSubscriber {
  private readonly logger = new Logger('CinnoxSubscription');

  constructor(private readonly subscriptions: CinnoxSubscriptionService) {}

  /** Resolves with the subscription, or undefined after logging why it failed; never throws. */
  async subscribe(url: string): Promise<CinnoxSubscription | undefined> {
    try {
      const subscription = await this.subscriptions.subscribe(url);
      this.logger.log(`Subscribed ${subscription.url} to CINNOX call events (updated ${subscription.updatedAt.toISOString()}).`);
      return subscription;
    } catch (error) {
      const reason = error instanceof CinnoxError ? `${error.name}: ${error.message}` : String(error);
      this.logger.error(`Could not subscribe ${url} to CINNOX call events. ${reason}`);
      return undefined;
    }
  }
}
