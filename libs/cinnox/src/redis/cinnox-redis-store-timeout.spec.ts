import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startFreezableProxy, type FreezableProxy } from '../../../../test/support/freezable-proxy.js';
import { redisAvailable, redisConnection } from '../../../../test/support/redis.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxRedisCallStore } from './cinnox-redis-call.store.js';
import { CinnoxRedisDedupeStore } from './cinnox-redis-dedupe.store.js';

const reachable = await redisAvailable('the Redis store timeout tests');
const times = { now: 1000, retentionMs: 60_000, activeTtlMs: 120_000 };

describe('Redis stores: timeoutMs', () => {
  it.each([0, -1, 1.5, '100', 2 ** 31])('refuses timeoutMs %s with an error naming it', (timeoutMs) => {
    const redis = { defineCommand: () => undefined } as unknown as Redis;
    for (const build of [
      () => new CinnoxRedisCallStore(redis, 'p:', { timeoutMs: timeoutMs as number }),
      () => new CinnoxRedisDedupeStore(redis, 'p:', { timeoutMs: timeoutMs as number }),
    ]) {
      expect(build).toThrow(CinnoxOptionsError);
      expect(build).toThrow(/"timeoutMs" must be a positive whole number of ms.*where you construct the store/);
    }
  });

  describe.skipIf(!reachable)('with Redis frozen (real Redis behind a proxy that stops forwarding)', () => {
    const prefix = `cinnox:test:timeout:${randomUUID()}:`;
    let proxy: FreezableProxy;
    let redis: Redis;
    afterAll(async () => {
      redis?.disconnect();
      await proxy?.close();
    });

    it('every call fails once timeoutMs passed, saying what Redis did not do', async () => {
      proxy = await startFreezableProxy(redisConnection());
      redis = new Redis({ ...redisConnection(), port: proxy.port, maxRetriesPerRequest: 1 });
      const calls = new CinnoxRedisCallStore(redis, prefix, { timeoutMs: 100 });
      const dedupe = new CinnoxRedisDedupeStore(redis, prefix, { timeoutMs: 100 });
      expect(await calls.countActive()).toBe(0);
      proxy.freeze();
      const started = performance.now();
      await expect(dedupe.claim('k', 1000)).rejects.toThrow('Redis did not claim a delivery within 100 ms');
      await expect(calls.start({ id: 'a', serviceId: 's', caller: null, callees: [], startedAt: 1000 }, times)).rejects.toThrow(
        'Redis did not record a call start within 100 ms',
      );
      await expect(calls.claimStale(1000, 10, times)).rejects.toThrow('Redis did not claim stale calls within 100 ms');
      await expect(calls.list({ limit: 10 })).rejects.toThrow('Redis did not list calls within 100 ms');
      await expect(calls.get('a')).rejects.toThrow('Redis did not read a call within 100 ms');
      // Five calls one after the other, each bounded.
      expect(performance.now() - started).toBeLessThan(2000);
      proxy.thaw();
    });
  });
});
