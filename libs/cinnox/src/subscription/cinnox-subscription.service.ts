import { Inject, Injectable } from '@nestjs/common';
import { CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import {
  apiUnexpectedResponse,
  invalidAppCredentials,
  invalidEnabled,
  invalidWebhookUrl,
  subscriptionPathNotFound,
} from '../cinnox.messages.js';
import { CinnoxApiError } from '../errors/cinnox-api.error.js';
import { CinnoxNetworkError } from '../errors/cinnox-network.error.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxResponseError } from '../errors/cinnox-response.error.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { CinnoxMetrics, type CinnoxSubscriptionOutcome } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxAppCredentials, CinnoxSubscription, CinnoxSubscriptionChange } from '../domain/cinnox-subscription.interface.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import { CinnoxApiClient, isSuccess } from '../api/cinnox-api.client.js';
import { isHttpUrl } from '../net/is-http-url.js';
import { parseSubscriptionResponse } from './parse-subscription-response.js';
import { withoutWebhookToken, withWebhookToken } from './with-webhook-token.js';
import { subscriptionPath } from './subscription-path.js';

/**
 * Subscribes and unsubscribes webhook URLs with CINNOX (`PATCH /v1/api/apps/{appID}/{hook}-event-sub`, or the
 * hook's `subscription.paths` entry).
 * @publicApi
 */
@Injectable()
export class CinnoxSubscriptionService {
  /** @internal Built by Nest's injector from the module's own providers: inject the service, never construct it. */
  constructor(
    private readonly api: CinnoxApiClient,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    private readonly metrics: CinnoxMetrics,
    private readonly status: CinnoxStatus,
  ) {}

  /**
   * Subscribes `url` to the hook's events; CINNOX verifies it with a challenge first.
   * @param url absolute http(s) URL of your webhook route.
   * @param hook event family, `call` by default.
   * @param app another app's credentials, for hosts serving several CINNOX apps.
   */
  subscribe(url: string, hook: CinnoxHookName | (string & {}) = CINNOX_CALL_HOOK, app?: CinnoxAppCredentials): Promise<CinnoxSubscription> {
    return this.set({ enabled: true, url }, hook, app);
  }

  /**
   * Unsubscribes `url` from the hook's events.
   * @param url the URL that was subscribed.
   * @param hook event family, `call` by default.
   * @param app another app's credentials, for hosts serving several CINNOX apps.
   */
  unsubscribe(
    url: string,
    hook: CinnoxHookName | (string & {}) = CINNOX_CALL_HOOK,
    app?: CinnoxAppCredentials,
  ): Promise<CinnoxSubscription> {
    return this.set({ enabled: false, url }, hook, app);
  }

  /**
   * Sets the subscription state of a hook. With `webhook.secret` set, the URL is registered with
   * `?token=<secret>`; the returned `url` never shows the token.
   * @throws CinnoxOptionsError before sending when `url` is not an absolute http(s) URL.
   * @throws CinnoxApiError when CINNOX answers non-2xx; for 6450001 (`isPathNotFound`) its message names the
   * `subscription.paths` entry that sets the hook's path.
   * @throws CinnoxNetworkError when CINNOX cannot be reached in time.
   * @throws CinnoxProxyError (a `CinnoxNetworkError`) when a proxy on the way answered itself: a 407, or an
   * error without CINNOX's `{ code, message }` JSON body.
   * @throws CinnoxResponseError when CINNOX answers 2xx with an undocumented body.
   * @param signal ends the call early (retries included), e.g. a shutdown deadline; the `retry.deadlineMs` still applies.
   */
  async set(
    change: CinnoxSubscriptionChange,
    hook: CinnoxHookName | (string & {}) = CINNOX_CALL_HOOK,
    app?: CinnoxAppCredentials,
    signal?: AbortSignal,
  ): Promise<CinnoxSubscription> {
    try {
      const subscription = await this.change(change, hook, app ?? this.options, signal);
      this.metrics.subscriptionCall(hook, 'ok', subscription.attempts);
      // Another app's subscription is kept apart from the module app's, which the health indicator reports.
      this.status.recordSubscription(hook, subscription.result, app && app.appId !== this.options.appId ? app.appId : undefined);
      return subscription.result;
    } catch (error) {
      this.metrics.subscriptionCall(hook, outcomeOf(error), (error as { attempts?: number }).attempts ?? 0);
      throw error;
    }
  }

  private async change(
    change: CinnoxSubscriptionChange,
    hook: CinnoxHookName | (string & {}),
    app: CinnoxAppCredentials,
    signal: AbortSignal | undefined,
  ): Promise<{ result: CinnoxSubscription; attempts: number }> {
    if (typeof change.url !== 'string' || !isHttpUrl(change.url)) {
      throw new CinnoxOptionsError('url', invalidWebhookUrl(change.url));
    }
    if (typeof change.enabled !== 'boolean') {
      throw new CinnoxOptionsError('enabled', invalidEnabled(change.enabled));
    }
    if (typeof app.appId !== 'string' || app.appId === '' || typeof app.appToken !== 'string' || app.appToken === '') {
      throw new CinnoxOptionsError('app', invalidAppCredentials());
    }
    const stem = subscriptionPath(hook, this.options.subscription);
    const path = `/v1/api/apps/${encodeURIComponent(app.appId)}/${encodeURIComponent(stem)}`;
    const body = { enabled: change.enabled, url: withWebhookToken(change.url, this.options.webhook.secret) };
    // Text from CINNOX and axios may echo the registered URL or a header: no secret survives into an error.
    const request = {
      method: 'PATCH',
      path,
      redact: this.api.redactor(app.appToken),
      // The app ID is named, not filled in; the last segment is the hook's path (moved by subscription.paths too).
      span: { pathTemplate: `/v1/api/apps/{appId}/${stem}`, attributes: { 'cinnox.hook': hook } },
    } as const;
    // Subscriptions may take the request budget's reserve: reports never starve them.
    const response = await this.api.send({ ...request, kind: 'subscription', appToken: app.appToken, body, signal });
    if (!isSuccess(response)) throw pathNotFoundNamed(this.api.refusal(request, response), hook, stem);
    const parsed = parseSubscriptionResponse(response.data);
    if (typeof parsed === 'string') {
      throw new CinnoxResponseError(apiUnexpectedResponse(path, response.status, parsed), response.status, response.attempts);
    }
    return { result: { ...parsed, url: withoutWebhookToken(parsed.url) }, attempts: response.attempts };
  }
}

// The conference hook's path is assumed: the refusal says which option moves it.
function pathNotFoundNamed<T extends Error>(refusal: T, hook: string, stem: string): T | CinnoxApiError {
  if (!(refusal instanceof CinnoxApiError) || !refusal.isPathNotFound) return refusal;
  const { status, code, vendorMessage, attempts } = refusal;
  return new CinnoxApiError(subscriptionPathNotFound(refusal.message, hook, stem), status, code, vendorMessage, attempts, {
    cause: refusal,
  });
}

function outcomeOf(error: unknown): CinnoxSubscriptionOutcome {
  if (error instanceof CinnoxApiError) return 'rejected';
  if (error instanceof CinnoxNetworkError) return 'unreachable';
  if (error instanceof CinnoxResponseError) return 'unexpected_response';
  return 'invalid_argument';
}
