import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { CINNOX_EVENTS_QUEUE, CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { CinnoxRedisCallStore, CinnoxRedisDedupeStore } from 'nestjs-cinnox/redis';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test, type E2eHost } from './support/e2e.fixture.js';
import { startFreezableProxy, type FreezableProxy } from './support/freezable-proxy.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 19, section 6: with Redis frozen (it accepts connections and answers nothing), app.close() fits
// shutdownGraceMs while the library's Redis stores wait on it. Redis is the machine's real one, behind a proxy
// that stops forwarding (test/support/freezable-proxy.ts). In queue mode BullMQ's own QUIT waits for ever: the
// queue module cuts its connections when the grace period ends.

const GRACE_MS = 1500;
// What the clock may add to the grace period: the timers' own lateness on a busy machine.
const MARGIN_MS = 300;
// Past this the close is reported as hanging: Redis thaws, so the close can end and the test report it.
const WATCHDOG_MS = 15_000;
const reachable = await redisAvailable('the frozen Redis shutdown tests');

/** How long `close` takes, Redis behind `proxy` frozen; after WATCHDOG_MS Redis thaws, so the close ends and is reported. */
async function timeFrozenClose(host: E2eHost, proxy: FreezableProxy): Promise<number> {
  proxy.freeze();
  const watchdog = setTimeout(() => proxy.thaw(), WATCHDOG_MS);
  const started = performance.now();
  try {
    await host.close();
    return performance.now() - started;
  } finally {
    clearTimeout(watchdog);
  }
}

describe.skipIf(!reachable)('app.close() with Redis frozen fits shutdownGraceMs (library Redis stores)', () => {
  const prefix = `cinnox-test-${randomUUID()}`;
  const proxies: FreezableProxy[] = [];
  const clients: Redis[] = [];
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    for (const proxy of proxies) await proxy.close();
    await deleteRedisKeys(`${prefix}*`);
  });

  const freezableRedis = async () => {
    const target = redisConnection();
    const proxy = await startFreezableProxy(target);
    proxies.push(proxy);
    return { proxy, connection: { ...target, port: proxy.port } };
  };

  test('the Redis call and dedupe stores: a delivery in flight gets 503, a stale sweep under way is not waited for', async ({
    startHost,
  }) => {
    const { proxy, connection } = await freezableRedis();
    const redis = new Redis({ ...connection, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    clients.push(redis);
    // Connected before the first delivery: without an offline queue, a claim sent while connecting fails (503).
    await redis.connect();
    const host = await startHost({
      shutdownGraceMs: GRACE_MS,
      webhook: { dedupeStore: new CinnoxRedisDedupeStore(redis, `${prefix}:dedupe:`) },
      // Sweeps every 10 ms, so one is under way when Redis freezes.
      calls: { track: true, store: new CinnoxRedisCallStore(redis, `${prefix}:calls:`), maxCallDurationMs: 40 },
    });
    expect((await host.post(callStartNotification())).status).toBe(200);

    proxy.freeze();
    const delivery = host.post(callStartNotification());
    // Its dedupe claim reached Redis, which does not answer.
    await expect.poll(() => proxy.sent()).toContain(`${prefix}:dedupe:`);
    const closeMs = await timeFrozenClose(host, proxy);

    console.info(`library stores: app.close() took ${closeMs.toFixed(0)} ms with Redis frozen (grace ${GRACE_MS} ms)`);
    expect(closeMs).toBeLessThan(GRACE_MS + MARGIN_MS);
    // The store's deadline (timeoutMs, 1 s) answered it, before the grace period cut the connection.
    expect((await delivery).status).toBe(503);
  });
});

describe.skipIf(!reachable)('app.close() with Redis frozen fits shutdownGraceMs (queue mode)', () => {
  const prefix = `cinnox-test-${randomUUID()}`;
  const proxies: FreezableProxy[] = [];
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    await deleteRedisKeys(`${prefix}*`);
  });

  test('the producer, the worker and the dead-letter queue: BullMQ connections are cut when the grace period ends', async ({
    startHost,
  }) => {
    const target = redisConnection();
    const proxy = await startFreezableProxy(target);
    proxies.push(proxy);
    const connection = { ...target, port: proxy.port };
    const host = await startHost(
      { shutdownGraceMs: GRACE_MS },
      {
        imports: [
          BullModule.forRoot({ connection, prefix }),
          CinnoxQueueModule.forRoot({ producerConnection: { ...connection, enableOfflineQueue: false, maxRetriesPerRequest: 1 } }),
        ],
      },
    );
    expect((await host.post(callStartNotification())).status).toBe(200);
    const events = host.app.get<Queue>(getQueueToken(CINNOX_EVENTS_QUEUE));
    await expect.poll(async () => (await events.getJobCounts('completed')).completed).toBe(1);

    const closeMs = await timeFrozenClose(host, proxy);

    console.info(`queue mode: app.close() took ${closeMs.toFixed(0)} ms with Redis frozen (grace ${GRACE_MS} ms)`);
    expect(closeMs).toBeLessThan(GRACE_MS + MARGIN_MS);
  });
});
