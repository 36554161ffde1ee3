import { Redis } from 'ioredis';
import { toRedisConnection } from '../../src/queue/redis-connection.js';

/** The machine's real Redis (REDIS_URL, default redis://127.0.0.1:6379). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers. In CI a missing Redis is a failure; elsewhere the Redis tests are skipped with
 * one line saying why.
 */
export async function redisAvailable(what: string): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
  if (!reachable && process.env.CI) throw new Error(`Redis is not reachable at ${REDIS_URL}; CI needs it for ${what}.`);
  if (!reachable) console.warn(`Skipping ${what}: no Redis at ${REDIS_URL} (set REDIS_URL to run them).`);
  return reachable;
}

/** REDIS_URL as BullMQ's `connection` takes it. */
export const redisConnection = () => toRedisConnection(REDIS_URL);

/** Deletes every key matching `pattern` from the shared Redis, so a test leaves nothing behind. */
export async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(pattern);
    if (keys.length) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
