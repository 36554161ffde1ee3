import { BullModule } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { CinnoxRedisCallStore, CinnoxRedisDedupeStore } from 'nestjs-cinnox/redis';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { cinnoxEnv, test, type E2eHost } from './support/e2e.fixture.js';
import { startFreezableProxy, type FreezableProxy } from './support/freezable-proxy.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 19, section 6: with Redis frozen (it accepts connections and answers nothing), app.close() fits
// shutdownGraceMs, whatever waits on Redis when the stop begins: the library's Redis stores, queue mode's
// BullMQ queue and worker, and the sample's own clients. Redis is the machine's real one, behind a proxy that
// stops forwarding (test/support/freezable-proxy.ts).

const GRACE_MS = 1500;
// What the clock may add to the grace period: the timers' own lateness on a busy machine.
const MARGIN_MS = 300;
// Past this the close is reported as hanging: the proxy thaws, so the close can end and the test report it.
const WATCHDOG_MS = 10_000;
const reachable = await redisAvailable('the frozen Redis shutdown tests');

/** How long `close` takes, Redis frozen behind `proxy`; after WATCHDOG_MS Redis thaws, so the close ends and is reported. */
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

/** Records the call starts its worker emitted. */
@Injectable()
class Received {
  readonly ids: string[] = [];

  @OnCallStart()
  onStart(event: CallStartEvent): void {
    this.ids.push(event.callId);
  }
}

describe.skipIf(!reachable)('app.close() with Redis frozen fits shutdownGraceMs', () => {
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
    const redis = new Redis({ ...connection, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    clients.push(redis);
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

  test('queue mode: the worker and both queues close, the worker busy or not', async ({ startHost }) => {
    const { proxy, connection } = await freezableRedis();
    const host = await startHost(
      { shutdownGraceMs: GRACE_MS },
      {
        providers: [Received],
        imports: [
          BullModule.forRoot({ connection, prefix: `${prefix}-queue` }),
          CinnoxQueueModule.forRoot({ producerConnection: { ...connection, enableOfflineQueue: false } }),
        ],
      },
    );
    const delivered = callStartNotification();
    expect((await host.post(delivered)).status).toBe(200);
    await expect.poll(() => host.app.get(Received).ids).toContain(delivered.message.id);

    const closeMs = await timeFrozenClose(host, proxy);

    console.info(`queue mode: app.close() took ${closeMs.toFixed(0)} ms with Redis frozen (grace ${GRACE_MS} ms)`);
    expect(closeMs).toBeLessThan(GRACE_MS + MARGIN_MS);
  });

  test("the sample in queue mode: its call store's and call journal's clients and BullMQ's", async ({ simulator, startSample }) => {
    const { proxy, connection } = await freezableRedis();
    const sample = await startSample({
      ...cinnoxEnv(simulator),
      CINNOX_MODE: 'queue',
      CINNOX_QUEUE_PREFIX: `${prefix}-sample`,
      CINNOX_SHUTDOWN_GRACE_MS: String(GRACE_MS),
      REDIS_URL: `redis://${connection.host}:${connection.port}/${connection.db}`,
    });
    const delivered = callStartNotification();
    expect((await sample.post(delivered)).status).toBe(200);
    await expect.poll(async () => (await sample.get(`/calls/${delivered.message.id}`)).status).toBe(200);

    const closeMs = await timeFrozenClose(sample, proxy);

    console.info(`sample, queue mode: app.close() took ${closeMs.toFixed(0)} ms with Redis frozen (grace ${GRACE_MS} ms)`);
    expect(closeMs).toBeLessThan(GRACE_MS + MARGIN_MS);
  });
});
