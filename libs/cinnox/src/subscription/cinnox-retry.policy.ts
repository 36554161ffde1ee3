import axiosRetry, { exponentialDelay, isNetworkError, type IAxiosRetryConfig } from 'axios-retry';
import type { AxiosError } from 'axios';
import { CinnoxErrorCode } from '../errors/cinnox-error-code.js';
import type { CinnoxRetryOptions } from '../cinnox-options.interface.js';

/**
 * axios-retry settings for the subscription PATCH. Its defaults retry only idempotent verbs and not
 * timeouts; the PATCH sets a state, so it is safe to repeat on anything transient.
 */
export function cinnoxRetryPolicy(options: Required<CinnoxRetryOptions>): IAxiosRetryConfig {
  return {
    retries: options.retries,
    shouldResetTimeout: true, // `timeout` is per attempt; the deadline is the AbortSignal's
    retryCondition: (error) => !error.config?.signal?.aborted && isTransient(error),
    // Exponential with jitter, never less than Retry-After, never more than the cap.
    retryDelay: (retryCount, error) => Math.min(options.maxDelayMs, exponentialDelay(retryCount, error, options.baseDelayMs)),
  };
}

/** Network failures, timeouts, 429, 5xx, and CINNOX's rate-limit code 6451010 whatever the HTTP status. */
export function isTransient(error: AxiosError): boolean {
  const status = error.response?.status;
  if (status !== undefined) return status === 429 || status >= 500 || isRateLimitBody(error.response?.data);
  return isNetworkError(error) || error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
}

/** Attempts made for the request behind `error` (1 when it was never retried). */
export function attemptsOf(error: AxiosError | undefined): number {
  return (error?.config?.['axios-retry']?.retryCount ?? 0) + 1;
}

// CINNOX documents the code in the body but not the HTTP status it comes with.
function isRateLimitBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { code?: unknown }).code === CinnoxErrorCode.TooManyRequests;
}

export { axiosRetry };
