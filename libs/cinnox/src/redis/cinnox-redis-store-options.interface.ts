import { invalidRedisStoreTimeout } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';

/**
 * Options of the Redis stores (`CinnoxRedisCallStore`, `CinnoxRedisDedupeStore`).
 * @publicApi
 */
export interface CinnoxRedisStoreOptions {
  /**
   * Longest wait for Redis to answer one call of the store, in ms. Past it the call fails: a delivery gets
   * 503 (CINNOX delivers again), a queued job is retried, a stale sweep waits for the next round, and a
   * shutdown does not wait for a Redis that stopped answering.
   * @default 1000
   */
  timeoutMs?: number;
}

/** Redis answers a store's call in about a millisecond: a second is a frozen or unreachable server. */
export const CINNOX_REDIS_STORE_TIMEOUT_MS = 1000;

/** `timeoutMs`, checked (a store is built by the host, outside the module's option checks). */
export function resolveRedisStoreTimeout(options: CinnoxRedisStoreOptions): number {
  const { timeoutMs = CINNOX_REDIS_STORE_TIMEOUT_MS } = options;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2_147_483_647) {
    throw new CinnoxOptionsError('timeoutMs', invalidRedisStoreTimeout(timeoutMs));
  }
  return timeoutMs;
}
