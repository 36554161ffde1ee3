import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CinnoxRedisDedupeStore } from 'nestjs-cinnox/redis';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { startHarness, type Harness } from './support/library-harness.js';

import { REDIS_URL, redisAvailable } from './support/redis.js';

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
  let replicas: Harness[] = [];
  const store = async () => {
    const redis = await client();
    clients.push(redis);
    return new CinnoxRedisDedupeStore(redis, prefix);
  };

  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    replicas = [];
  });
  afterAll(async () => {
    const cleaner = await client();
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length) await cleaner.del(...keys);
    await Promise.all([...clients, cleaner].map((redis) => redis.quit()));
  });

  it('claims a key once across clients, atomically, and forgets it after the TTL', async () => {
    const [a, b] = [await store(), await store()];
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('race', 200)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await a.claim('race', 200)).toBe(true);
    await a.release('race');
    expect(await b.claim('race', 200)).toBe(true);
  });

  it('emits a notification once when its copies land on different replicas', async () => {
    replicas = [
      await startHarness({ webhook: { dedupeStore: await store() } }),
      await startHarness({ webhook: { dedupeStore: await store() } }),
    ];
    const notification = callStartNotification({ id: `replicated-${randomUUID()}` });

    const answers = await Promise.all([...replicas, ...replicas].map((replica) => replica.post(notification)));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(replicas.flatMap((replica) => replica.events)).toHaveLength(1);
  });

  it('answers 503 when Redis is down, so CINNOX delivers again', async () => {
    const down = new Redis('redis://127.0.0.1:9', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    replicas = [await startHarness({ webhook: { dedupeStore: new CinnoxRedisDedupeStore(down) } })];

    const answer = await replicas[0]!.post(callStartNotification());

    expect(answer).toEqual({ status: 503, body: { code: 503, message: expect.stringContaining('dedupe store is unavailable') } });
    expect(replicas[0]!.events).toEqual([]);
    down.disconnect();
  });
});
