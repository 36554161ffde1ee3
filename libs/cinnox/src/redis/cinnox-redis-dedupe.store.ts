import type { Redis } from 'ioredis';
import { CinnoxDedupeStore } from '../stores/cinnox-dedupe.store.js';
import { settleWithin } from '../queue/settle-within.js';
import { resolveRedisStoreTimeout, type CinnoxRedisStoreOptions } from './cinnox-redis-store-options.interface.js';

/**
 * Dedupe shared by every replica through Redis: one atomic `SET key 1 PX ttl NX` per claim, so a
 * redelivery landing on another replica is still emitted once; keys expire with their TTL.
 * Pass your ioredis client (the library opens no connection of its own). When Redis cannot answer
 * (within `timeoutMs`), the webhook answers 503 so CINNOX delivers again.
 * @publicApi
 */
export class CinnoxRedisDedupeStore extends CinnoxDedupeStore {
  private readonly timeoutMs: number;

  /**
   * @param redis an ioredis client; for a webhook, one that fails fast when offline
   *   (`enableOfflineQueue: false`, a small `maxRetriesPerRequest`) rather than queueing the claim.
   * @param prefix prepended to every key. @default 'cinnox:dedupe:'
   * @param options how long one call may wait for Redis (`timeoutMs`).
   */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'cinnox:dedupe:',
    options: CinnoxRedisStoreOptions = {},
  ) {
    super();
    this.timeoutMs = resolveRedisStoreTimeout(options);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await settleWithin(this.redis.set(this.prefix + key, '1', 'PX', ttlMs, 'NX'), this.timeoutMs, 'claim a delivery')) === 'OK';
  }

  async release(key: string): Promise<void> {
    await settleWithin(this.redis.del(this.prefix + key), this.timeoutMs, 'release a delivery');
  }
}
