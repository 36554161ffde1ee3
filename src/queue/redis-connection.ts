import type { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

/** ioredis connection options as BullMQ's `connection` takes them. */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  db: number;
  password?: string;
  tls?: object;
}

/** The connection options a redis:// or rediss:// URL stands for (rediss: TLS). */
export function toRedisConnection(redisUrl: string): RedisConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: Number(url.pathname.slice(1) || 0),
    password: url.password || undefined,
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Longest wait for one command of the sample's own clients: a Redis that is frozen fails it, not holds it. */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;

/** Longest wait for Redis to answer QUIT at shutdown; a healthy one answers in about a millisecond. */
export const REDIS_QUIT_TIMEOUT_MS = 50;

/**
 * A Redis client of the sample's own (the call store's, the call journal's). Without an error listener
 * ioredis prints "Unhandled error event" and a stack on every reconnect attempt: this logs one warn line per
 * outage and one when Redis is back (a listener's failures make BullMQ retry the jobs meanwhile).
 */
export function openRedis(redisUrl: string, logger: Logger, owner: string): Redis {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: REDIS_COMMAND_TIMEOUT_MS });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn(`The ${owner}'s Redis is unavailable (${error.message}); jobs are retried until it is back.`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log(`The ${owner}'s Redis is back.`);
    down = false;
  });
  return redis;
}

/**
 * Closes a client from `openRedis` within REDIS_QUIT_TIMEOUT_MS: QUIT waits for an answer that a Redis
 * that is down, or frozen, never gives. Past the deadline the socket is cut (ioredis's own disconnect()
 * would wait 2 s more for a frozen server to close it).
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), REDIS_QUIT_TIMEOUT_MS)));
    const quit = redis.quit().then(
      () => 'quit' as const,
      () => 'quit' as const,
    );
    const outcome = await Promise.race([quit, late]);
    clearTimeout(timer);
    if (outcome === 'quit') return;
  }
  redis.disconnect();
  redis.stream?.destroy();
}
