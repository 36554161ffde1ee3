import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CinnoxError, CinnoxSubscriptionService, type CinnoxSubscription } from 'nestjs-cinnox';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';

/** Subscribes the app's webhook once the app listens (so it can answer CINNOX's challenge). */
@Injectable()
export class WebhookSubscriber implements BeforeApplicationShutdown {
  private readonly logger = new Logger('CinnoxSubscription');
  private subscribedUrl?: string;

  constructor(
    private readonly subscriptions: CinnoxSubscriptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves with the subscription, or undefined after logging why it failed; never throws. */
  async subscribe(url: string): Promise<CinnoxSubscription | undefined> {
    try {
      const subscription = await this.subscriptions.subscribe(url);
      this.subscribedUrl = url;
      this.logger.log(`Subscribed ${subscription.url} to CINNOX call events (updated ${subscription.updatedAt.toISOString()}).`);
      return subscription;
    } catch (error) {
      this.logger.error(`Could not subscribe ${url} to CINNOX call events. ${describe(error)}`);
      return undefined;
    }
  }

  // Before shutdown hooks, so the HTTP client (and an embedded simulator) are still up.
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.config.unsubscribeOnShutdown || this.subscribedUrl === undefined) return;
    try {
      await this.subscriptions.unsubscribe(this.subscribedUrl);
      this.logger.log(`Unsubscribed ${this.subscribedUrl} on shutdown.`);
    } catch (error) {
      this.logger.warn(`Could not unsubscribe ${this.subscribedUrl} on shutdown. ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof CinnoxError ? `${error.name}: ${error.message}` : String(error);
}
