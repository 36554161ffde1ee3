import type { Logger } from '@nestjs/common';
import {
  appShuttingDown,
  subscriptionActive,
  subscriptionFailed,
  subscriptionFix,
  subscriptionOff,
  subscriptionRetrying,
  subscriptionStarting,
  unsubscribeFailed,
} from '../cinnox.messages.js';
import { CinnoxApiError } from '../errors/cinnox-api.error.js';
import { CinnoxSubscriptionChangedEvent } from '../domain/cinnox-subscription-changed.event.js';
import type { CinnoxStatus } from '../status/cinnox-status.js';
import type { CinnoxResolvedSubscriptionOptions } from '../cinnox-subscription-options.interface.js';
import { backoffDelay } from './backoff-delay.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import type { CinnoxSubscriptionService } from './cinnox-subscription.service.js';
import type { CinnoxSubscriptionState } from '../domain/cinnox-subscription-state.js';
import { isPermanentRefusal } from './is-permanent-refusal.js';
import { withoutWebhookToken } from './with-webhook-token.js';

/** What one hook's state machine needs from the lifecycle around it. */
export interface CinnoxHookSubscriptionContext {
  readonly client: CinnoxSubscriptionService;
  readonly status: CinnoxStatus;
  readonly options: CinnoxResolvedSubscriptionOptions;
  readonly logger: Logger;
  /** Called once per state change, after the status and the log line. */
  readonly changed: (event: CinnoxSubscriptionChangedEvent) => void;
}

/**
 * The subscription of one hook: subscribes, retries with backoff until CINNOX accepts, re-confirms every
 * `refreshIntervalMs` and after `maxSilenceMs` without a notification, and unsubscribes on request.
 * At most one request is under way and one timer is set at a time.
 */
export class CinnoxHookSubscription {
  private state: CinnoxSubscriptionState = 'off';
  private readonly shownUrl: string;
  private readonly aborter = new AbortController();
  private timer?: NodeJS.Timeout;
  private request?: Promise<void>;
  private failures = 0;
  private confirmedAt = 0;
  private stopped = false;

  constructor(
    readonly hook: CinnoxHookName | (string & {}),
    /** The URL given to the client, which adds the token. */
    private readonly url: string,
    private readonly context: CinnoxHookSubscriptionContext,
  ) {
    this.shownUrl = withoutWebhookToken(url);
  }

  /** Starts subscribing; returns at once. */
  start(): void {
    this.enter('subscribing');
    this.attempt();
  }

  /** Refuses to start: the URL could not be built. */
  fail(error: Error): void {
    this.enter('failed', error);
  }

  /**
   * Stops timers and the request under way; then, when asked and the hook may be subscribed, unsubscribes
   * within `timeoutMs`. Never throws.
   */
  async stop(unsubscribe: boolean, timeoutMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.aborter.abort(new Error(appShuttingDown()));
    await this.request;
    if (!unsubscribe || this.state === 'off' || this.state === 'failed') return;
    try {
      await this.context.client.set({ enabled: false, url: this.url }, this.hook, undefined, AbortSignal.timeout(timeoutMs));
      this.enter('off');
    } catch (error) {
      this.context.logger.warn(unsubscribeFailed(this.hook, this.shownUrl, (error as Error).message));
    }
  }

  private attempt(): void {
    const change = { enabled: true, url: this.url };
    this.request = this.context.client.set(change, this.hook, undefined, this.aborter.signal).then(
      () => this.confirmed(),
      (error: unknown) => this.refused(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private confirmed(): void {
    if (this.stopped) return;
    this.failures = 0;
    this.confirmedAt = Date.now();
    this.enter('active');
    this.scheduleConfirmation();
  }

  private refused(error: Error): void {
    if (this.stopped) return;
    if (isPermanentRefusal(error)) return this.enter('failed', error);
    this.enter('retrying', error);
    this.schedule(backoffDelay(this.failures++, this.context.options.backoff), () => this.attempt());
  }

  // One timer for both reasons to re-confirm; a notification arriving meanwhile moves the silence deadline.
  private scheduleConfirmation(): void {
    this.schedule(Math.max(0, this.confirmationDue() - Date.now()), () =>
      Date.now() >= this.confirmationDue() ? this.attempt() : this.scheduleConfirmation(),
    );
  }

  private confirmationDue(): number {
    const { refreshIntervalMs, maxSilenceMs } = this.context.options;
    const refresh = this.confirmedAt + refreshIntervalMs;
    if (maxSilenceMs === undefined) return refresh;
    const heard = Math.max(this.confirmedAt, this.context.status.lastNotificationOf(this.hook)?.getTime() ?? 0);
    return Math.min(refresh, heard + maxSilenceMs);
  }

  private schedule(delayMs: number, run: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(run, delayMs);
    // Waiting for CINNOX never keeps the process alive.
    this.timer.unref();
  }

  private enter(state: CinnoxSubscriptionState, error?: Error): void {
    if (state === this.state) return;
    const previous = this.state;
    this.state = state;
    const at = new Date();
    this.context.status.recordLifecycle(this.hook, { state, url: this.shownUrl, since: at, lastError: error?.message });
    this.log(state, error);
    this.context.changed(new CinnoxSubscriptionChangedEvent(this.hook, state, previous, this.shownUrl, at, error));
  }

  private log(state: CinnoxSubscriptionState, error?: Error): void {
    const { logger, options } = this.context;
    const [hook, url, reason] = [this.hook, this.shownUrl, error?.message ?? ''];
    if (state === 'subscribing') logger.log(subscriptionStarting(hook, url));
    else if (state === 'active') logger.log(subscriptionActive(hook, url, options.refreshIntervalMs, options.maxSilenceMs));
    else if (state === 'retrying') logger.warn(subscriptionRetrying(hook, url, reason, options.backoff.maxDelayMs));
    else if (state === 'failed') logger.error(subscriptionFailed(hook, url, reason, subscriptionFix(fixOf(error))));
    else logger.log(subscriptionOff(hook, url));
  }
}

function fixOf(error: Error | undefined): 'appToken' | 'appId' | 'option' {
  // A wrong path's message names its `subscription.paths` entry.
  if (error instanceof CinnoxApiError && error.isPathNotFound) return 'option';
  if (error instanceof CinnoxApiError) return error.isInvalidAppId ? 'appId' : 'appToken';
  return 'option';
}
