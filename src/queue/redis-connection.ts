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
