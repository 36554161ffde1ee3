import type { Redis } from 'ioredis';
import { CinnoxDedupeStore } from '../dedupe/cinnox-dedupe.store.js';

/**
 * Dedupe shared by every replica through Redis: one atomic `SET key 1 PX ttl NX` per claim, so a
 * redelivery landing on another replica is still emitted once; keys expire with their TTL.
 * Pass your ioredis client (the library opens no connection of its own). When Redis cannot answer,
 * the webhook answers 503 so CINNOX delivers again.
 * @publicApi
 */
export class CinnoxRedisDedupeStore extends CinnoxDedupeStore {
  /**
   * @param redis an ioredis client; for a webhook, one that fails fast when offline
   *   (`enableOfflineQueue: false`, a small `maxRetriesPerRequest`) rather than queueing the claim.
   * @param prefix prepended to every key. @default 'cinnox:dedupe:'
   */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'cinnox:dedupe:',
  ) {
    super();
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
