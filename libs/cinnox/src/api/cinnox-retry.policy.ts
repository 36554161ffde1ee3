import axiosRetry, { exponentialDelay, isNetworkError, type IAxiosRetryConfig } from 'axios-retry';
import type { AxiosError } from 'axios';
import { CinnoxErrorCode } from '../errors/cinnox-error-code.js';
import type { CinnoxRetryOptions } from '../cinnox-options.interface.js';

/**
 * axios-retry settings of every CINNOX call (the subscription PATCH, the report GETs). Its defaults retry
 * only idempotent verbs and not timeouts; the PATCH sets a state, so it is safe to repeat on anything transient.
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

/**
 * Network failures, timeouts, 429, 5xx, and CINNOX's rate-limit code 6451010 whatever the HTTP status; never
 * "no records" (6451011), an answer whatever status carries it.
 */
export function isTransient(error: AxiosError): boolean {
  const status = error.response?.status;
  if (status !== undefined) {
    const code = codeOf(error.response?.data);
    if (code === CinnoxErrorCode.NoRecords) return false;
    return status === 429 || status >= 500 || code === CinnoxErrorCode.TooManyRequests;
  }
  return isNetworkError(error) || error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
}

/** Attempts made for the request behind `error` (1 when it was never retried). */
export function attemptsOf(error: AxiosError | undefined): number {
  return (error?.config?.['axios-retry']?.retryCount ?? 0) + 1;
}

// CINNOX documents the code in the body but not the HTTP status it comes with.
function codeOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
}

export { axiosRetry };
