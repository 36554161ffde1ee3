import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import {
  CanceledError,
  isAxiosError,
  type AxiosError,
  type AxiosRequestConfig,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { firstValueFrom } from 'rxjs';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_TRACER } from '../cinnox.constants.js';
import type { CinnoxSpanAttributes, CinnoxTracer } from '../core/cinnox-tracer.js';
import { traceApiCall } from '../core/trace-api-call.js';
import { apiProxyAnswered, apiRedirected, apiRejected, apiResponseTooLarge, apiUnreachable } from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxApiError } from '../errors/cinnox-api.error.js';
import { CinnoxNetworkError } from '../errors/cinnox-network.error.js';
import { CinnoxProxyError } from '../errors/cinnox-proxy.error.js';
import { CinnoxResponseError } from '../errors/cinnox-response.error.js';
import { redactSecrets } from '../logging/redact-secrets.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import { CinnoxRequestBudget, type CinnoxRequestKind } from './cinnox-request-budget.js';
import { attemptsOf, axiosRetry, cinnoxRetryPolicy } from './cinnox-retry.policy.js';
import { parseErrorBody } from './parse-error-body.js';
import { proxyOf } from './proxy-of.js';

/** One call to CINNOX's API, as the subscription and report clients make it. */
export interface CinnoxApiRequest {
  readonly method: 'GET' | 'PATCH';
  /** Path under `baseUrl`, e.g. `/v1/api/apps/{appID}/call-event-sub`. */
  readonly path: string;
  readonly kind: CinnoxRequestKind;
  readonly appToken: string;
  readonly body?: unknown;
  /** Query string parameters (axios encodes them). */
  readonly params?: Readonly<Record<string, string | number>>;
  /** Keeps every secret out of what reaches an error. */
  readonly redact: (text: string) => string;
  /** Ends the call early (retries and the wait for the request budget included). */
  readonly signal?: AbortSignal;
  /** Its `cinnox.api` span: the path with its variable parts named (never filled in, never a query string). */
  readonly span: { readonly pathTemplate: string; readonly attributes?: CinnoxSpanAttributes };
}

/** CINNOX's answer, whatever its status, with the attempts it took. */
export type CinnoxApiResponse = AxiosResponse<unknown> & { readonly attempts: number };

// The request kind rides on the axios config, so a retry takes its token from the budget like the first attempt.
type BudgetedConfig = InternalAxiosRequestConfig & { cinnoxRequestKind?: CinnoxRequestKind };
type BudgetedRequest = AxiosRequestConfig & { cinnoxRequestKind: CinnoxRequestKind };

/**
 * The HTTP part every CINNOX client shares: the module's own axios instance with the retry policy, one request
 * budget for all calls, the `http` option (proxy, agents, headers), the response-size cap, the deadline and
 * shutdown signal, and errors with every secret redacted.
 */
@Injectable()
export class CinnoxApiClient {
  // Credentials of the http option, kept out of errors like the app token.
  private readonly httpSecrets: readonly (string | undefined)[];

  constructor(
    private readonly http: HttpService,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    private readonly shutdown: CinnoxGracefulShutdown,
    private readonly budget: CinnoxRequestBudget,
    @Inject(CINNOX_TRACER) private readonly tracer: CinnoxTracer,
  ) {
    const { proxy, headers } = options.http;
    this.httpSecrets = [proxy ? proxy.auth?.password : undefined, proxyAuthorization(headers)];
    // The module registers its own axios instance, so these interceptors touch no one else's requests.
    axiosRetry(http.axiosRef, cinnoxRetryPolicy(options.retry));
    http.axiosRef.interceptors.request.use(async (config: BudgetedConfig) => {
      const kind = config.cinnoxRequestKind;
      // The first attempt took its token before its deadline started (see send()).
      if (kind === undefined || (config['axios-retry']?.retryCount ?? 0) === 0) return config;
      await budget.take(kind, config.signal as AbortSignal | undefined).catch((reason: unknown) => {
        throw new CanceledError<unknown>(`${describeReason(reason)}, while a retry waited for the request budget`, config);
      });
      return config;
    });
  }

  /** A redactor of the module's secrets plus `extra` (another app's token, the webhook URL's token). */
  redactor(...extra: (string | undefined)[]): (text: string) => string {
    const secrets = [this.options.appToken, ...this.options.webhook.secrets, ...this.httpSecrets, ...extra];
    return (text) => redactSecrets(text, secrets);
  }

  /**
   * Sends `request` once the budget allows, retrying what is transient; resolves with any answer CINNOX gave
   * (2xx or not), rejects when none came.
   * @throws CinnoxNetworkError when CINNOX cannot be reached in time, or the call was cancelled.
   * @throws CinnoxResponseError when the answer is larger than `maxResponseBytes`.
   */
  async send(request: CinnoxApiRequest): Promise<CinnoxApiResponse> {
    const { method, span } = request;
    return traceApiCall(this.tracer, { method, ...span }, () => this.sendTraced(request));
  }

  private async sendTraced(request: CinnoxApiRequest): Promise<CinnoxApiResponse> {
    const { method, path, kind, appToken, body, params, redact, signal } = request;
    const what = `${method} ${path}`;
    const stop = AbortSignal.any([this.shutdown.signal, ...(signal ? [signal] : [])]);
    // Waiting for the budget is not the call's time: its deadline starts once it may go.
    await this.budget.take(kind, stop).catch((reason: unknown) => {
      const why = this.shutdown.signal.aborted ? this.cancelReason(signal) : describeReason(reason);
      throw new CinnoxNetworkError(
        redact(apiUnreachable(what, `${why}, while it waited for the request budget`, false)),
        'ERR_CANCELED',
        false,
        0,
      );
    });
    const deadline = AbortSignal.timeout(this.options.retry.deadlineMs);
    const { headers: httpHeaders, ...httpSettings } = this.options.http;
    const config: BudgetedRequest = {
      method,
      url: `${this.options.baseUrl}${path}`,
      data: body,
      params,
      // The host's proxy and agents (http option); its headers first, so the library's own win.
      ...httpSettings,
      headers: {
        ...httpHeaders,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        Authorization: `Bearer ${appToken}`,
      },
      timeout: this.options.timeoutMs,
      // A flooding or broken server must not fill the heap: axios stops reading past this.
      maxContentLength: this.options.maxResponseBytes,
      // A call at shutdown (an unsubscribe) must fit in the grace period as well.
      signal: AbortSignal.any([deadline, stop]),
      cinnoxRequestKind: kind,
    };
    try {
      const response = await firstValueFrom(this.http.request<unknown>(config));
      return Object.assign(response, { attempts: (response.config['axios-retry']?.retryCount ?? 0) + 1 });
    } catch (error) {
      const axiosError = isAxiosError(error) ? (error as AxiosError<unknown>) : undefined;
      // Non-2xx answers are read like any other; the retries are behind us.
      if (axiosError?.response) return Object.assign(axiosError.response, { attempts: attemptsOf(axiosError) });
      if (isTooLarge(axiosError)) {
        throw new CinnoxResponseError(redact(apiResponseTooLarge(what, this.options.maxResponseBytes)), 200, attemptsOf(axiosError));
      }
      // The axios error holds the request config, token included: keep only its code and message.
      const code = axiosError?.code;
      const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED';
      const reason =
        code !== 'ERR_CANCELED'
          ? describeReason(error)
          : this.shutdown.signal.aborted || signal?.aborted
            ? this.cancelReason(signal)
            : deadline.aborted
              ? `the ${this.options.retry.deadlineMs} ms deadline passed`
              : describeReason(error);
      const attempts = attemptsOf(axiosError);
      throw new CinnoxNetworkError(
        redact(apiUnreachable(what, `${reason} after ${attempts} attempt(s)`, timedOut)),
        code,
        timedOut,
        attempts,
        // The axios error itself carries the request config (the token): the cause is a redacted copy.
        { cause: Object.assign(new Error(redact(error instanceof Error ? error.message : String(error))), { code }) },
      );
    }
  }

  /**
   * The error for an answer that is not 2xx: a redirect (never followed), a proxy's own answer, or CINNOX's
   * refusal with its `{ code, message }`.
   */
  refusal(request: Pick<CinnoxApiRequest, 'method' | 'path' | 'redact'>, response: CinnoxApiResponse): CinnoxApiError | CinnoxProxyError {
    const { status, data, attempts } = response;
    const what = `${request.method} ${request.path}`;
    const { redact } = request;
    if (status >= 300 && status < 400) {
      const location = typeof response.headers.location === 'string' ? response.headers.location : undefined;
      return new CinnoxApiError(redact(apiRedirected(status, location, what)), status, undefined, undefined, attempts);
    }
    const { code, message } = parseErrorBody(data);
    // A proxy's own error page is not CINNOX's refusal: it says nothing of the token or the app ID.
    const proxy = proxyOf(response);
    if (proxy !== undefined && (status === 407 || (code === undefined && message === undefined))) {
      return new CinnoxProxyError(redact(apiProxyAnswered(what, status, proxy, describeBody(response), attempts)), status, proxy, attempts);
    }
    const vendorMessage = message === undefined ? undefined : redact(message);
    return new CinnoxApiError(redact(apiRejected(status, code, vendorMessage, what, attempts)), status, code, vendorMessage, attempts);
  }

  private cancelReason(signal: AbortSignal | undefined): string {
    return this.shutdown.signal.aborted
      ? `the ${this.options.shutdownGraceMs} ms shutdown grace period ran out`
      : `the caller cancelled it (${describeReason(signal?.reason)})`;
  }
}

/** True for a 2xx answer. */
export const isSuccess = ({ status }: { status: number }): boolean => status >= 200 && status < 300;

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

// axios's own wording when maxContentLength stops it reading (no code of its own: ERR_BAD_RESPONSE).
const isTooLarge = (error: AxiosError | undefined): boolean => error?.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(error.message);
