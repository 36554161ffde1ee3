import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { CINNOX_CALL_EVENTS_QUEUE, CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { CinnoxRedisCallStore, CinnoxRedisDedupeStore } from 'nestjs-cinnox/redis';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { cinnoxEnv, test, type E2eHost } from './support/e2e.fixture.js';
import { startFreezableProxy, type FreezableProxy } from './support/freezable-proxy.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 19, section 6: with Redis frozen (it accepts connections and answers nothing), or down, app.close() fits
// shutdownGraceMs, whatever waits on Redis when the stop begins: the library's Redis stores, queue mode's
// BullMQ queue and worker, and the sample's own clients. Redis is the machine's real one, behind a proxy that
// stops forwarding (test/support/freezable-proxy.ts).

const GRACE_MS = 1500;
// What the clock may add to the grace period: the timers' own lateness on a busy machine.
const MARGIN_MS = 300;
// Redis down (connections refused), a BullMQ worker's close waits for its main loop, which sleeps through
// BullMQ's own watchdog on the blocking call (drainDelay 5 s + 1 s) that no closing of the connection ends:
// known and not bounded by the library. Without the cut (cutRedisClient) the close waited for Redis to return.
const BULLMQ_WATCHDOG_MS = 6000;
// Past this the close is reported as hanging: Redis comes back, so the close can end and the test report it.
const WATCHDOG_MS = 15_000;
const boundOf = (fault: 'frozen' | 'down') => GRACE_MS + MARGIN_MS + (fault === 'down' ? BULLMQ_WATCHDOG_MS : 0);
const reachable = await redisAvailable('the frozen Redis shutdown tests');

/**
 * How long `close` takes, Redis behind `proxy` frozen, or down (once the queue's client is between two
 * reconnection attempts); after WATCHDOG_MS Redis comes back, so the close ends and is reported.
 */
async function timeFaultyClose(host: E2eHost, proxy: FreezableProxy, fault: 'frozen' | 'down' = 'frozen'): Promise<number> {
  if (fault === 'frozen') proxy.freeze();
  else {
    proxy.cut();
    const queue = host.app.get<Queue>(getQueueToken(CINNOX_CALL_EVENTS_QUEUE));
    await expect.poll(async () => (await queue.client).status).toBe('reconnecting');
  }
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
    const closeMs = await timeFaultyClose(host, proxy);

    console.info(`library stores: app.close() took ${closeMs.toFixed(0)} ms with Redis frozen (grace ${GRACE_MS} ms)`);
    expect(closeMs).toBeLessThan(GRACE_MS + MARGIN_MS);
    // The store's deadline (timeoutMs, 1 s) answered it, before the grace period cut the connection.
    expect((await delivery).status).toBe(503);
  });

  test.for(['frozen', 'down'] as const)('queue mode, Redis %s: the worker and both queues close', async (fault, { startHost }) => {
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
    await expect.poll(() => host.app.get(Received).ids, { timeout: 5000 }).toContain(delivered.message.id);

    const closeMs = await timeFaultyClose(host, proxy, fault);

    console.info(`queue mode: app.close() took ${closeMs.toFixed(0)} ms with Redis ${fault} (grace ${GRACE_MS} ms)`);
    expect(closeMs).toBeLessThan(boundOf(fault));
  });

  test.for(['frozen', 'down'] as const)(
    "the sample in queue mode, Redis %s: its call store's, call journal's and BullMQ's clients",
    async (fault, { simulator, startSample }) => {
      const { proxy, connection } = await freezableRedis();
      const sample = await startSample({
        ...cinnoxEnv(simulator),
        CINNOX_MODE: 'queue',
        CINNOX_QUEUE_PREFIX: `${prefix}-sample`,
        CINNOX_SHUTDOWN_GRACE_MS: String(GRACE_MS),
        REDIS_URL: `redis://${connection.host}:${connection.port}/${connection.db}`,
      });
      const delivered = callStartNotification();
      const callId = String(delivered.message.id);
      expect((await sample.post(delivered)).status).toBe(200);
      await expect.poll(async () => (await sample.get(`/calls/${callId}`)).status).toBe(200);

      const closeMs = await timeFaultyClose(sample, proxy, fault);

      console.info(`sample, queue mode: app.close() took ${closeMs.toFixed(0)} ms with Redis ${fault} (grace ${GRACE_MS} ms)`);
      expect(closeMs).toBeLessThan(boundOf(fault));
    },
  );
});
