import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, vi } from 'vitest';
import { CinnoxRedisDedupeStore } from 'nestjs-cinnox/redis';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';
import { deleteRedisKeys, REDIS_URL, redisAvailable } from './support/redis.js';

const reachable = await redisAvailable('the Redis dedupe tests');

/** A client as a webhook wants one: connected first, then failing fast rather than queueing when offline. */
async function client(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  await redis.connect();
  return redis;
}

describe.skipIf(!reachable)('CinnoxRedisDedupeStore (real Redis)', () => {
  const prefix = `cinnox:test:${randomUUID()}:`;
  const clients: Redis[] = [];
  const store = async () => {
    const redis = await client();
    clients.push(redis);
    return new CinnoxRedisDedupeStore(redis, prefix);
  };

  afterAll(async () => {
    await deleteRedisKeys(`${prefix}*`);
    await Promise.all(clients.map((redis) => redis.quit()));
  });

  test('claims a key once across clients, atomically, and forgets it after the TTL', async () => {
    const [a, b] = [await store(), await store()];
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('race', 200)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Redis expires the key on its own clock: watch for it rather than sleep past it.
    await vi.waitFor(async () => expect(await a.claim('race', 200)).toBe(true), { timeout: 3000, interval: 25 });
    await a.release('race');
    expect(await b.claim('race', 200)).toBe(true);
  });

  test('emits a notification once when its copies land on different replicas', async ({ startHost }) => {
    const replicas = [
      await startHost({ webhook: { dedupeStore: await store() } }),
      await startHost({ webhook: { dedupeStore: await store() } }),
    ];
    const notification = callStartNotification({ id: `replicated-${randomUUID()}` });

    const answers = await Promise.all([...replicas, ...replicas].map((replica) => replica.post(notification)));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(replicas.flatMap((replica) => replica.events)).toHaveLength(1);
  });

  test('answers 503 when Redis is down, so CINNOX delivers again', async ({ startHost }) => {
    const down = new Redis('redis://127.0.0.1:9', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const host = await startHost({ webhook: { dedupeStore: new CinnoxRedisDedupeStore(down) } });

    const answer = await host.post(callStartNotification());

    expect(answer).toEqual({ status: 503, body: { code: 503, message: expect.stringContaining('dedupe store is unavailable') } });
    expect(host.events).toEqual([]);
    down.disconnect();
  });
});
