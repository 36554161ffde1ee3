import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Injectable, type DynamicModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { CINNOX_HOOKS, OnCallStart, type CallStartEvent, type CinnoxModuleExtras } from 'nestjs-cinnox';
import { CINNOX_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE, CinnoxQueueModule, type CinnoxQueueOptions } from 'nestjs-cinnox/queue';
import { callEndNotification, callStartNotification, cinnoxPayloadShapes } from 'nestjs-cinnox/testing';
import { test as e2eTest, type E2eHost } from './support/e2e.fixture.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

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

// Shorter than the test timeout, so a poll that gives up reports what it last saw.
const POLL = { timeout: 5000 };

describe.skipIf(!reachable)('queue mode (BullMQ on the real Redis)', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    // Leave nothing behind in the shared Redis.
    for (const prefix of prefixes) await deleteRedisKeys(`${prefix}:*`);
  });

  /**
   * A host in queue mode, on queues of its own (a fresh BullMQ prefix per test); `queueModule` builds
   * CinnoxQueueModule from the options (forRoot unless a test says otherwise).
   */
  const test = e2eTest.extend('start', async ({ startHost }) => {
    return (
      queue: CinnoxQueueOptions = {},
      connection: object = redisConnection(),
      queueModule: (options: CinnoxQueueOptions) => DynamicModule = (options) => CinnoxQueueModule.forRoot(options),
      module: CinnoxModuleExtras = {},
    ): Promise<E2eHost> =>
      startHost(module, {
        providers: [FlakyListener],
        imports: [
          BullModule.forRoot({ connection, prefix: prefixes[prefixes.push(`cinnox-test-${randomUUID()}`) - 1] }),
          queueModule({ backoffMs: 10, ...queue }),
        ],
      });
  });

  test("forRootAsync: the factory's options reach the queue (worker: false stores the job, emits nothing)", async ({ start }) => {
    const harness = await start({ worker: false }, redisConnection(), (options) =>
      CinnoxQueueModule.forRootAsync({ useFactory: async () => options }),
    );
    expect((await harness.post(callStartNotification({ id: 'queued-async' }))).status).toBe(200);

    const queue = harness.app.get<Queue>(getQueueToken(CINNOX_EVENTS_QUEUE));
    expect(await queue.getJobCounts('waiting')).toMatchObject({ waiting: 1 });
    expect(harness.events).toEqual([]);
  });

  test('answers 2xx once the job is stored, and the worker emits the event', async ({ start }) => {
    FlakyListener.failures = 0;
    const harness = await start();
    const answer = await harness.post(callStartNotification({ id: 'queued-1' }));
    const end = await harness.post(callEndNotification('queued-1'));

    expect(answer).toEqual({ status: 200, body: { code: 0, result: {} } });
    expect(end.status).toBe(200);
    await expect.poll(() => harness.events.length, POLL).toBe(2);
    expect(harness.events.map((event) => `${event.name} ${event.payload.eventId}`).sort()).toEqual([
      'call.end call:queued-1:CallEnd',
      'call.start call:queued-1:CallStart',
    ]);
  });

  test('one queue carries every hook: each payload arrives once through the worker', async ({ start }) => {
    FlakyListener.failures = 0;
    const harness = await start({}, redisConnection(), undefined, { hooks: CINNOX_HOOKS });
    // One payload of each hook, each on its own route.
    const shapes = CINNOX_HOOKS.map((hook) => cinnoxPayloadShapes().find((shape) => shape.hook === hook)!);
    for (const { hook, body } of shapes) {
      const response = await fetch(`${harness.url}/cinnox/webhooks/${hook}-events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect({ hook, status: response.status }).toEqual({ hook, status: 200 });
    }

    await expect.poll(() => harness.events.length, POLL).toBe(shapes.length);
    expect(harness.events.map((event) => event.name).sort()).toEqual(shapes.map((shape) => shape.event).sort());
    const queue = harness.app.get<Queue>(getQueueToken(CINNOX_EVENTS_QUEUE));
    const jobs = await queue.getJobs(['completed']);
    expect(jobs.map((job) => job.name).sort()).toEqual([...CINNOX_HOOKS].sort());
  });

  test('stores a redelivered notification once (its dedupe key is the job id)', async ({ start }) => {
    FlakyListener.failures = 0;
    const harness = await start();
    const notification = callStartNotification({ id: 'queued-dup' });
    for (let i = 0; i < 3; i++) expect((await harness.post(notification)).status).toBe(200);

    // One job was stored for the three copies; once it has completed, nothing else can emit.
    const queue = harness.app.get<Queue>(getQueueToken(CINNOX_EVENTS_QUEUE));
    await expect
      .poll(() => queue.getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed'), POLL)
      .toMatchObject({
        completed: 1,
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 0,
      });
    expect(harness.events.map((event) => event.payload.eventId)).toEqual(['call:queued-dup:CallStart']);
  });

  test('retries a job whose listener fails, with the same event id each time', async ({ start }) => {
    FlakyListener.failures = 2;
    const harness = await start({ attempts: 5 });
    await harness.post(callStartNotification({ id: 'queued-flaky' }));

    const flaky = harness.app.get(FlakyListener);
    await expect.poll(() => flaky.done.length, POLL).toBe(1);
    expect(flaky.attempts.get('call:queued-flaky:CallStart')).toBe(3);
    expect(new Set(harness.events.map((event) => event.payload.eventId))).toEqual(new Set(['call:queued-flaky:CallStart']));
  });

  test('moves a job whose listener keeps failing to the dead-letter queue', async ({ start }) => {
    FlakyListener.failures = 99;
    const harness = await start({ attempts: 3 });
    await harness.post(callStartNotification({ id: 'queued-dead' }));

    const dead = harness.app.get<Queue>(getQueueToken(CINNOX_DEAD_LETTER_QUEUE));
    await expect.poll(async () => (await dead.getJobCounts('waiting')).waiting, POLL).toBe(1);
    const [job] = await dead.getJobs(['waiting']);
    expect(job?.data).toMatchObject({
      key: 'call:queued-dead:CallStart',
      attempts: 3,
      error: expect.stringContaining('listener(s) failed'),
    });
    expect(await harness.app.get<Queue>(getQueueToken(CINNOX_EVENTS_QUEUE)).getJobCounts('failed')).toEqual({ failed: 1 });
  });

  test('answers 503 when Redis cannot store the job, so CINNOX delivers again', async ({ start }) => {
    const harness = await start(
      { worker: false, enqueueTimeoutMs: 300 },
      { host: '127.0.0.1', port: 9, enableOfflineQueue: false, maxRetriesPerRequest: 0 },
    );
    const answer = await harness.post(callStartNotification());

    expect(answer).toEqual({ status: 503, body: { code: 503, message: expect.stringContaining('queue is unavailable') } });
  });
});
