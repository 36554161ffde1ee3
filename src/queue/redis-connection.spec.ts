import { Logger } from '@nestjs/common';
import { afterAll, describe, expect, it } from 'vitest';
import { startFreezableProxy, type FreezableProxy } from '../../test/support/freezable-proxy.js';
import { redisAvailable, redisConnection } from '../../test/support/redis.js';
import { REDIS_COMMAND_TIMEOUT_MS, REDIS_QUIT_TIMEOUT_MS, closeRedis, openRedis } from './redis-connection.js';

const reachable = await redisAvailable("the sample's Redis client tests");

// Issue 19, section 6: the sample's own Redis clients (call store, call journal) neither hold a command nor
// the shutdown on a Redis that is frozen (accepting connections, answering nothing).
describe.skipIf(!reachable)('openRedis / closeRedis with Redis frozen', () => {
  const proxies: FreezableProxy[] = [];
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
  });

  const frozenClient = async () => {
    const target = redisConnection();
    const proxy = await startFreezableProxy(target);
    proxies.push(proxy);
    const redis = openRedis(`redis://127.0.0.1:${proxy.port}/${target.db}`, new Logger('test'), 'test');
    expect(await redis.ping()).toBe('PONG');
    proxy.freeze();
    return redis;
  };

  it(`closeRedis ends within ${REDIS_QUIT_TIMEOUT_MS} ms (and a little) instead of waiting for QUIT's answer`, async () => {
    const redis = await frozenClient();
    const started = performance.now();
    await closeRedis(redis);
    expect(performance.now() - started).toBeLessThan(REDIS_QUIT_TIMEOUT_MS + 100);
    await expect.poll(() => redis.status).toBe('end');
  });

  it(`a command fails after ${REDIS_COMMAND_TIMEOUT_MS} ms instead of waiting`, async () => {
    const redis = await frozenClient();
    const started = performance.now();
    await expect(redis.get('anything')).rejects.toThrow('Command timed out');
    expect(performance.now() - started).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS + 500);
    redis.disconnect();
  });
});
