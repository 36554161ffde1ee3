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

/**
 * A Redis client of the sample's own (the call store's, the call journal's). Without an error listener
 * ioredis prints "Unhandled error event" and a stack on every reconnect attempt: this logs one warn line per
 * outage and one when Redis is back (a listener's failures make BullMQ retry the jobs meanwhile).
 */
export function openRedis(redisUrl: string, logger: Logger, owner: string): Redis {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
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

/** Closes a client from `openRedis`: QUIT waits for an answer a Redis that is down never gives. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}
