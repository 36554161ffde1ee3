import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import { isAxiosError, type AxiosError, type AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_TRACER } from '../cinnox.constants.js';
import type { CinnoxTracer } from '../core/cinnox-tracer.js';
import { traceApiCall } from '../core/trace-api-call.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import {
  apiProxyAnswered,
  apiRedirected,
  apiRejected,
  apiResponseTooLarge,
  apiUnexpectedResponse,
  apiUnreachable,
  invalidAppCredentials,
  invalidEnabled,
  invalidWebhookUrl,
} from '../cinnox.messages.js';
import { CinnoxApiError } from '../errors/cinnox-api.error.js';
import { CinnoxNetworkError } from '../errors/cinnox-network.error.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxProxyError } from '../errors/cinnox-proxy.error.js';
import { CinnoxResponseError } from '../errors/cinnox-response.error.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { redactSecrets } from '../logging/redact-secrets.js';
import { CinnoxMetrics, type CinnoxSubscriptionOutcome } from '../metrics/cinnox-metrics.service.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import type { CinnoxAppCredentials, CinnoxSubscription, CinnoxSubscriptionChange } from '../domain/cinnox-subscription.interface.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import { attemptsOf, axiosRetry, cinnoxRetryPolicy } from './cinnox-retry.policy.js';
import { isHttpUrl } from '../net/is-http-url.js';
import { parseErrorBody, parseSubscriptionResponse } from './parse-subscription-response.js';
import { proxyOf } from './proxy-of.js';
import { withoutWebhookToken, withWebhookToken } from './with-webhook-token.js';

// The subscription call's path for its span: the app ID and the hook are named, not filled in.
const SUBSCRIPTION_PATH_TEMPLATE = '/v1/api/apps/{appId}/{hook}-event-sub';

/**
 * Subscribes and unsubscribes webhook URLs with CINNOX (`PATCH /v1/api/apps/{appID}/{hook}-event-sub`).
 * @publicApi
 */
@Injectable()
export class CinnoxSubscriptionService {
  // Credentials of the http option, kept out of errors like the app token.
  private readonly httpSecrets: readonly (string | undefined)[];

  /** @internal Built by Nest's injector from the module's own providers: inject the service, never construct it. */
  constructor(
    private readonly http: HttpService,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    private readonly metrics: CinnoxMetrics,
    private readonly status: CinnoxStatus,
    private readonly shutdown: CinnoxGracefulShutdown,
    @Inject(CINNOX_TRACER) private readonly tracer: CinnoxTracer,
  ) {
    const { proxy, headers } = options.http;
    this.httpSecrets = [proxy ? proxy.auth?.password : undefined, proxyAuthorization(headers)];
    // The module registers its own axios instance, so these interceptors touch no one else's requests.
    axiosRetry(http.axiosRef, cinnoxRetryPolicy(options.retry));
  }

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
   * @throws CinnoxApiError when CINNOX answers non-2xx.
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
    const path = `/v1/api/apps/${encodeURIComponent(app.appId)}/${encodeURIComponent(hook)}-event-sub`;
    const body = { enabled: change.enabled, url: withWebhookToken(change.url, this.options.webhook.secret) };
    // Text from CINNOX and axios may echo the registered URL or a header: no secret survives into an error.
    const redact = (text: string) =>
      redactSecrets(text, [this.options.appToken, app.appToken, ...this.options.webhook.secrets, ...this.httpSecrets]);
    const response = await traceApiCall(
      this.tracer,
      { method: 'PATCH', pathTemplate: SUBSCRIPTION_PATH_TEMPLATE, attributes: { 'cinnox.hook': hook } },
      () => this.send(path, body, app.appToken, redact, signal),
    );
    return this.read(path, response, redact);
  }

  private async send(
    path: string,
    body: CinnoxSubscriptionChange,
    appToken: string,
    redact: (text: string) => string,
    signal: AbortSignal | undefined,
  ): Promise<AxiosResponse<unknown>> {
    const deadline = AbortSignal.timeout(this.options.retry.deadlineMs);
    const { headers: httpHeaders, ...httpSettings } = this.options.http;
    try {
      const response = await firstValueFrom(
        this.http.patch<unknown>(`${this.options.baseUrl}${path}`, body, {
          // The host's proxy and agents (http option); its headers first, so the library's own win.
          ...httpSettings,
          headers: {
            ...httpHeaders,
            Accept: 'application/json',
            'Content-Type': 'application/json',
            Authorization: `Bearer ${appToken}`,
          },
          timeout: this.options.timeoutMs,
          // A flooding or broken server must not fill the heap: axios stops reading past this.
          maxContentLength: this.options.maxResponseBytes,
          // An unsubscribe at shutdown must fit in the grace period as well.
          signal: AbortSignal.any([deadline, this.shutdown.signal, ...(signal ? [signal] : [])]),
        }),
      );
      return Object.assign(response, { attempts: (response.config['axios-retry']?.retryCount ?? 0) + 1 });
    } catch (error) {
      const axiosError = isAxiosError(error) ? (error as AxiosError<unknown>) : undefined;
      // Non-2xx answers are read like any other; the retries are behind us.
      if (axiosError?.response) return Object.assign(axiosError.response, { attempts: attemptsOf(axiosError) });
      if (isTooLarge(axiosError)) {
        throw new CinnoxResponseError(redact(apiResponseTooLarge(path, this.options.maxResponseBytes)), 200, attemptsOf(axiosError));
      }
      // The axios error holds the request config, token included: keep only its code and message.
      const code = axiosError?.code;
      const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED';
      const reason =
        code === 'ERR_CANCELED'
          ? this.shutdown.signal.aborted
            ? `the ${this.options.shutdownGraceMs} ms shutdown grace period ran out`
            : deadline.aborted
              ? `the ${this.options.retry.deadlineMs} ms deadline passed`
              : `the caller cancelled it (${describeReason(signal?.reason)})`
          : error instanceof Error
            ? error.message
            : String(error);
      const attempts = attemptsOf(axiosError);
      throw new CinnoxNetworkError(
        redact(apiUnreachable(path, `${reason} after ${attempts} attempt(s)`, timedOut)),
        code,
        timedOut,
        attempts,
        // The axios error itself carries the request config (the token): the cause is a redacted copy.
        { cause: Object.assign(new Error(redact(error instanceof Error ? error.message : String(error))), { code }) },
      );
    }
  }

  private read(
    path: string,
    response: AxiosResponse<unknown> & { attempts?: number },
    redact: (text: string) => string,
  ): { result: CinnoxSubscription; attempts: number } {
    const { status, data, attempts = 1 } = response;
    if (status >= 300 && status < 400) {
      const location = typeof response.headers.location === 'string' ? response.headers.location : undefined;
      throw new CinnoxApiError(redact(apiRedirected(status, location, path)), status, undefined, undefined, attempts);
    }
    if (status < 200 || status >= 300) {
      const { code, message } = parseErrorBody(data);
      // A proxy's own error page is not CINNOX's refusal: it says nothing of the token or the app ID.
      const proxy = proxyOf(response);
      if (proxy !== undefined && (status === 407 || (code === undefined && message === undefined))) {
        const body = redact(apiProxyAnswered(path, status, proxy, describeBody(response), attempts));
        throw new CinnoxProxyError(body, status, proxy, attempts);
      }
      const vendorMessage = message === undefined ? undefined : redact(message);
      throw new CinnoxApiError(redact(apiRejected(status, code, vendorMessage, path, attempts)), status, code, vendorMessage, attempts);
    }
    const parsed = parseSubscriptionResponse(data);
    if (typeof parsed === 'string') {
      throw new CinnoxResponseError(apiUnexpectedResponse(path, status, parsed), status, attempts);
    }
    return { result: { ...parsed, url: withoutWebhookToken(parsed.url) }, attempts };
  }
}

function describeBody({ data, headers }: AxiosResponse<unknown>): string {
  const type = headers['content-type'];
  const media = typeof type === 'string' && type !== '' ? type.split(';')[0]!.trim() : undefined;
  if (data === undefined || data === null || data === '') return 'an empty body';
  return media ? `a ${media} body` : 'a body of no stated type';
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

function proxyAuthorization(headers: Readonly<Record<string, string>>): string | undefined {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'proxy-authorization');
  return name === undefined ? undefined : headers[name];
}

function outcomeOf(error: unknown): CinnoxSubscriptionOutcome {
  if (error instanceof CinnoxApiError) return 'rejected';
  if (error instanceof CinnoxNetworkError) return 'unreachable';
  if (error instanceof CinnoxResponseError) return 'unexpected_response';
  return 'invalid_argument';
}

// axios's own wording when maxContentLength stops it reading (no code of its own: ERR_BAD_RESPONSE).
const isTooLarge = (error: AxiosError | undefined): boolean => error?.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(error.message);
