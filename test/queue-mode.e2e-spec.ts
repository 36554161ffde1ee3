import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { CINNOX_CALL_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE, CinnoxQueueModule, type CinnoxQueueOptions } from 'nestjs-cinnox/queue';
import { callEndNotification, callStartNotification } from 'nestjs-cinnox/testing';
import { startHarness, type Harness } from './support/library-harness.js';
import { REDIS_URL, redisAvailable, redisConnection } from './support/redis.js';

const reachable = await redisAvailable('the queue-mode tests');

/** Fails its first `failures` deliveries of each event, then records it: retries must reach it. */
@Injectable()
class FlakyListener {
  static failures = 0;
  readonly attempts = new Map<string, number>();
  readonly done: string[] = [];

  @OnCallStart({ suppressErrors: false })
  handle(event: CallStartEvent): void {
    const attempt = (this.attempts.get(event.eventId) ?? 0) + 1;
    this.attempts.set(event.eventId, attempt);
    if (attempt <= FlakyListener.failures) throw new Error(`failing attempt ${attempt}`);
    this.done.push(event.eventId);
  }
}

const until = async (check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe.skipIf(!reachable)('queue mode (BullMQ on the real Redis)', () => {
  let harness: Harness | undefined;
  const prefixes: string[] = [];
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  afterAll(async () => {
    // Leave nothing behind in the shared Redis.
    const redis = new Redis(REDIS_URL);
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    }
    await redis.quit();
  });

  /** A host in queue mode, on queues of its own (a fresh BullMQ prefix per test). */
  const start = (queue: CinnoxQueueOptions = {}, connection: object = redisConnection()) =>
    startHarness(
      {},
      {
        providers: [FlakyListener],
        imports: [
          BullModule.forRoot({ connection, prefix: prefixes[prefixes.push(`cinnox-test-${randomUUID()}`) - 1] }),
          CinnoxQueueModule.forRoot({ backoffMs: 10, ...queue }),
        ],
      },
    );

  it('answers 2xx once the job is stored, and the worker emits the event', async () => {
    FlakyListener.failures = 0;
    harness = await start();
    const answer = await harness.post(callStartNotification({ id: 'queued-1' }));
    const end = await harness.post(callEndNotification('queued-1'));

    expect(answer).toEqual({ status: 200, body: { code: 0, result: {} } });
    expect(end.status).toBe(200);
    await until(() => harness!.events.length === 2);
    expect(harness.events.map((event) => `${event.name} ${event.payload.eventId}`).sort()).toEqual([
      'call.end queued-1:CallEnd',
      'call.start queued-1:CallStart',
    ]);
  });

  it('stores a redelivered notification once (its dedupe key is the job id)', async () => {
    FlakyListener.failures = 0;
    harness = await start();
    const notification = callStartNotification({ id: 'queued-dup' });
    for (let i = 0; i < 3; i++) expect((await harness.post(notification)).status).toBe(200);

    await until(() => harness!.events.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.events).toHaveLength(1);
  });

  it('retries a job whose listener fails, with the same event id each time', async () => {
    FlakyListener.failures = 2;
    harness = await start({ attempts: 5 });
    await harness.post(callStartNotification({ id: 'queued-flaky' }));

    const flaky = harness.app.get(FlakyListener);
    await until(() => flaky.done.length === 1);
    expect(flaky.attempts.get('queued-flaky:CallStart')).toBe(3);
    expect(new Set(harness.events.map((event) => event.payload.eventId))).toEqual(new Set(['queued-flaky:CallStart']));
  });

  it('moves a job whose listener keeps failing to the dead-letter queue', async () => {
    FlakyListener.failures = 99;
    harness = await start({ attempts: 3 });
    await harness.post(callStartNotification({ id: 'queued-dead' }));

    const dead = harness.app.get<Queue>(getQueueToken(CINNOX_DEAD_LETTER_QUEUE));
    await until(async () => (await dead.getJobCounts('waiting')).waiting === 1);
    const [job] = await dead.getJobs(['waiting']);
    expect(job?.data).toMatchObject({
      key: 'call:queued-dead:CallStart',
      attempts: 3,
      error: expect.stringContaining('listener(s) failed'),
    });
    expect(await harness.app.get<Queue>(getQueueToken(CINNOX_CALL_EVENTS_QUEUE)).getJobCounts('failed')).toEqual({ failed: 1 });
  });

  it('answers 503 when Redis cannot store the job, so CINNOX delivers again', async () => {
    harness = await start(
      { worker: false, enqueueTimeoutMs: 300 },
      { host: '127.0.0.1', port: 9, enableOfflineQueue: false, maxRetriesPerRequest: 0 },
    );
    const answer = await harness.post(callStartNotification());

    expect(answer).toEqual({ status: 503, body: { code: 503, message: expect.stringContaining('queue is unavailable') } });
  });
});
