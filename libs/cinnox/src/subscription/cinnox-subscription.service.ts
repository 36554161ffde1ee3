import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import { isAxiosError, type AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import { CINNOX_CALL_HOOK, CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { apiRejected, apiUnexpectedResponse, apiUnreachable, invalidWebhookUrl } from '../cinnox.messages.js';
import { CinnoxApiError } from '../errors/cinnox-api.error.js';
import { CinnoxNetworkError } from '../errors/cinnox-network.error.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxResponseError } from '../errors/cinnox-response.error.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import type { CinnoxHook, CinnoxSubscription, CinnoxSubscriptionChange } from './cinnox-subscription.interface.js';
import { isHttpUrl } from './is-http-url.js';
import { parseErrorBody, parseSubscriptionResponse } from './parse-subscription-response.js';

/**
 * Subscribes and unsubscribes webhook URLs with CINNOX (`PATCH /v1/api/apps/{appID}/{hook}-event-sub`).
 * @publicApi
 */
@Injectable()
export class CinnoxSubscriptionService {
  constructor(
    private readonly http: HttpService,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
  ) {}

  /**
   * Subscribes `url` to the hook's events; CINNOX verifies it with a challenge first.
   * @param url absolute http(s) URL of your webhook route.
   * @param hook event family, `call` by default.
   */
  subscribe(url: string, hook: CinnoxHook = CINNOX_CALL_HOOK): Promise<CinnoxSubscription> {
    return this.set({ enabled: true, url }, hook);
  }

  /**
   * Unsubscribes `url` from the hook's events.
   * @param url the URL that was subscribed.
   * @param hook event family, `call` by default.
   */
  unsubscribe(url: string, hook: CinnoxHook = CINNOX_CALL_HOOK): Promise<CinnoxSubscription> {
    return this.set({ enabled: false, url }, hook);
  }

  /**
   * Sets the subscription state of a hook.
   * @throws CinnoxOptionsError before sending when `url` is not an absolute http(s) URL.
   * @throws CinnoxApiError when CINNOX answers non-2xx.
   * @throws CinnoxNetworkError when CINNOX cannot be reached in time.
   * @throws CinnoxResponseError when CINNOX answers 2xx with an undocumented body.
   */
  async set(change: CinnoxSubscriptionChange, hook: CinnoxHook = CINNOX_CALL_HOOK): Promise<CinnoxSubscription> {
    if (typeof change.url !== 'string' || !isHttpUrl(change.url)) {
      throw new CinnoxOptionsError('url', invalidWebhookUrl(change.url));
    }
    if (typeof change.enabled !== 'boolean') {
      throw new CinnoxOptionsError('enabled', `"enabled" must be true or false, got ${String(change.enabled)}.`);
    }
    const path = `/v1/api/apps/${encodeURIComponent(this.options.appId)}/${encodeURIComponent(hook)}-event-sub`;
    const response = await this.send(path, { enabled: change.enabled, url: change.url });
    return this.read(path, response);
  }

  private async send(path: string, body: CinnoxSubscriptionChange): Promise<AxiosResponse<unknown>> {
    try {
      return await firstValueFrom(
        this.http.patch<unknown>(`${this.options.baseUrl}${path}`, body, {
          headers: {
            Accept: 'application/json',
            'Content-Type': 'application/json',
            Authorization: `Bearer ${this.options.appToken}`,
          },
          timeout: this.options.timeoutMs,
          // Every status is classified below, so axios must not throw on non-2xx.
          validateStatus: () => true,
        }),
      );
    } catch (error) {
      // The axios error holds the request config, token included: keep only its code and message.
      const code = isAxiosError(error) ? error.code : undefined;
      const reason = error instanceof Error ? error.message : String(error);
      const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
      throw new CinnoxNetworkError(apiUnreachable(path, reason, timedOut), code, timedOut);
    }
  }

  private read(path: string, response: AxiosResponse<unknown>): CinnoxSubscription {
    const { status, data } = response;
    if (status < 200 || status >= 300) {
      const { code, message } = parseErrorBody(data);
      throw new CinnoxApiError(apiRejected(status, code, message, path), status, code, message);
    }
    const parsed = parseSubscriptionResponse(data);
    if (typeof parsed === 'string') {
      throw new CinnoxResponseError(apiUnexpectedResponse(path, status, parsed), status);
    }
    return parsed;
  }
}
