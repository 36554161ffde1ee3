import { BullModule } from '@nestjs/bullmq';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { afterAll, describe, expect } from 'vitest';
import { OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { CINNOX_EVENTS_QUEUE, CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test, type E2eHost } from './support/e2e.fixture.js';
import { keepAliveFlood, postWith } from './support/keep-alive-flood.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Defects 5 and 6 of issue 10: SIGTERM (app.close()) under clients posting back to back on keep-alive
// sockets must finish within the grace period, and every notification answered 200 must reach its listener
// (inline) or the queue (queue mode).

const GRACE_MS = 2000;

@Injectable()
class SlowListener {
  readonly seen = new Set<string>();

  @OnCallStart()
  async handle(event: CallStartEvent): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 100));
    this.seen.add(event.callId);
  }
}

/** A listener whose resource (a client, a pool) closes in onApplicationShutdown, as the sample's journal does. */
@Injectable()
class ResourceListener implements OnApplicationShutdown {
  readonly cutOff: string[] = [];
  readonly done = new Set<string>();
  private closed = false;

  @OnCallStart({ suppressErrors: false })
  async handle(event: CallStartEvent): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (this.closed) {
      this.cutOff.push(event.callId);
      throw new Error('the resource is closed');
    }
    this.done.add(event.callId);
  }

  onApplicationShutdown(): void {
    this.closed = true;
  }
}

/** app.close() under a keep-alive flood; resolves with how long the close took and what was answered 200. */
async function closeUnderFlood(harness: E2eHost): Promise<{ closeMs: number; ok: string[] }> {
  const clients = keepAliveFlood(harness.webhookUrl);
  await expect.poll(() => clients.answered.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(100);
  const started = performance.now();
  await harness.app.close();
  const closeMs = performance.now() - started;
  await clients.done;
  return { closeMs, ok: clients.ok() };
}

describe('shutdown under a keep-alive flood (inline)', () => {
  test('closes within the grace period, every 200 seen by the async listener', async ({ startHost }) => {
    const harness = await startHost({ shutdownGraceMs: GRACE_MS }, { providers: [SlowListener] });
    const listener = harness.app.get(SlowListener);

    const { closeMs, ok } = await closeUnderFlood(harness);

    console.info(`inline: app.close() under a keep-alive flood took ${closeMs.toFixed(0)} ms (${ok.length} answered 200)`);
    expect(closeMs).toBeLessThan(GRACE_MS);
    expect(ok.filter((id) => !listener.seen.has(id))).toEqual([]);
  });

  test('waits for async listeners dispatched with awaitListeners: false before it completes', async ({ startHost }) => {
    const harness = await startHost({ shutdownGraceMs: GRACE_MS }, { providers: [SlowListener] });
    const listener = harness.app.get(SlowListener);
    const agent = new Agent({ keepAlive: false });
    const statuses = await Promise.all(['a', 'b', 'c'].map((id) => postWith(harness.webhookUrl, agent, callStartNotification({ id }))));
    expect(statuses).toEqual([200, 200, 200]);
    expect(listener.seen.size).toBe(0); // answered before the 100 ms listeners finished

    await harness.app.close();

    expect([...listener.seen].sort()).toEqual(['a', 'b', 'c']);
  });
});

const reachable = await redisAvailable('the queue-mode shutdown test');

describe.skipIf(!reachable)('shutdown under a keep-alive flood (queue mode)', () => {
  const prefix = `cinnox-test-${randomUUID()}`;
  afterAll(async () => {
    await deleteRedisKeys(`${prefix}:*`);
    await deleteRedisKeys(`${prefix}-worker:*`);
  });

  test('closes within the grace period, every 200 stored in the queue', async ({ startHost }) => {
    const harness = await startHost(
      { shutdownGraceMs: GRACE_MS },
      {
        imports: [
          BullModule.forRoot({ connection: redisConnection(), prefix }),
          CinnoxQueueModule.forRoot({ worker: false, producerConnection: { ...redisConnection(), enableOfflineQueue: false } }),
        ],
      },
    );

    const { closeMs, ok } = await closeUnderFlood(harness);

    console.info(`queue: app.close() under a keep-alive flood took ${closeMs.toFixed(0)} ms (${ok.length} answered 200)`);
    expect(closeMs).toBeLessThan(GRACE_MS);
    const queue = new Queue(CINNOX_EVENTS_QUEUE, { connection: redisConnection(), prefix });
    const stored = new Set(
      (await queue.getJobs(['waiting'])).map((job) => (job.data as { body: { message: { id: string } } }).body.message.id),
    );
    await queue.close();
    expect(ok.filter((id) => !stored.has(id))).toEqual([]);
  });

  test('stops the worker before listeners close their resources: no job is cut off by the shutdown', async ({ startHost }) => {
    const harness = await startHost(
      { shutdownGraceMs: GRACE_MS },
      {
        providers: [ResourceListener],
        imports: [
          BullModule.forRoot({ connection: redisConnection(), prefix: `${prefix}-worker` }),
          CinnoxQueueModule.forRoot({ concurrency: 20 }),
        ],
      },
    );
    const listener = harness.app.get(ResourceListener);

    const { closeMs } = await closeUnderFlood(harness);

    expect(closeMs).toBeLessThan(GRACE_MS);
    expect(listener.done.size).toBeGreaterThan(0);
    expect(listener.cutOff).toEqual([]);
  });
});
