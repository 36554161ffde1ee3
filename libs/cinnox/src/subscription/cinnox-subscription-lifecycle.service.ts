import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_WEBHOOK_ROUTES } from '../cinnox.constants.js';
import type { CinnoxWebhookRoute } from '../domain/cinnox-webhook-route.interface.js';
import { servedWebhookPath } from '../net/served-webhook-path.js';
import { onceListening } from '../net/once-listening.js';
import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import type { CinnoxSubscriptionChangedEvent } from '../domain/cinnox-subscription-changed.event.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import type { CinnoxResolvedSubscriptionOptions } from '../cinnox-subscription-options.interface.js';
import { CinnoxHookSubscription } from './cinnox-hook-subscription.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import { CinnoxSubscriptionService } from './cinnox-subscription.service.js';
import { hookWebhookUrl } from './hook-webhook-url.js';

/**
 * Runs the `subscription` option: once the HTTP server listens (so CINNOX's challenge is answered), one
 * `CinnoxHookSubscription` per enabled hook; on shutdown, before the server closes, stops them and
 * unsubscribes when `unsubscribeOnShutdown` says so. An app that never listens never subscribes.
 */
@Injectable()
export class CinnoxSubscriptionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('CinnoxSubscription');
  private readonly hooks = new Map<CinnoxHookName | (string & {}), CinnoxHookSubscription>();
  private detach?: () => void;

  constructor(
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    @Inject(CINNOX_WEBHOOK_ROUTES) private readonly routes: readonly CinnoxWebhookRoute[],
    private readonly appConfig: ApplicationConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly client: CinnoxSubscriptionService,
    private readonly status: CinnoxStatus,
    private readonly dispatch: CinnoxListenerDispatch,
  ) {}

  onApplicationBootstrap(): void {
    const settings = this.options.subscription;
    if (!settings) return;
    this.status.lifecycleSettings = { refreshIntervalMs: settings.refreshIntervalMs, maxSilenceMs: settings.maxSilenceMs };
    this.detach = onceListening(this.adapterHost, (server) => this.start(settings, server.address() as AddressInfo));
  }

  // Before the server closes, so the unsubscribe goes out while the app still answers.
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop(this.options.subscription?.unsubscribeOnShutdown ?? false);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop(false);
  }

  private start(settings: CinnoxResolvedSubscriptionOptions, address: AddressInfo): void {
    this.detach = undefined;
    const context = { client: this.client, status: this.status, options: settings, logger: this.logger, changed: this.emit };
    // The global prefix and its exclusions are known by now: each route is subscribed where the app serves it.
    for (const { hook: definition, path } of this.routes) {
      const hook = definition.name;
      let url: string | Error;
      try {
        url = hookWebhookUrl(hook, servedWebhookPath(path, this.appConfig), settings, address);
      } catch (error) {
        url = error instanceof Error ? error : new Error(String(error));
      }
      const subscription = new CinnoxHookSubscription(hook, typeof url === 'string' ? url : '(none)', context);
      this.hooks.set(hook, subscription);
      if (typeof url === 'string') subscription.start();
      else subscription.fail(url);
    }
  }

  private async stop(unsubscribe: boolean): Promise<void> {
    this.detach?.();
    this.detach = undefined;
    const timeoutMs = this.options.subscription?.unsubscribeTimeoutMs ?? 0;
    await Promise.all([...this.hooks.values()].map((hook) => hook.stop(unsubscribe, timeoutMs)));
  }

  // A listener that throws or rejects must not stop the lifecycle nor end the process: the dispatch calls
  // each listener on its own and logs and counts a failure (emitter.emit would leave a rejection unhandled).
  private readonly emit = (event: CinnoxSubscriptionChangedEvent): void => {
    void this.dispatch.emit(CinnoxEvent.SubscriptionChanged, event, `${event.hook}:${event.state}:${event.at.toISOString()}`);
  };
}
