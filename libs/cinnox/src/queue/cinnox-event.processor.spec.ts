import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import { CinnoxCallFeed } from '../calls/cinnox-call-feed.js';
import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Queue, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closedPort } from '../../../../test/support/closed-port.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from '../../../../test/support/redis.js';
import type { CallStartEvent } from '../hooks/call/call-start.event.js';
import { CinnoxEventQueue, type CinnoxEventJob } from '../core/cinnox-event.queue.js';
import { CinnoxEventPublisher } from '../core/cinnox-event.publisher.js';
import { CinnoxNoopTracer } from '../core/cinnox-noop.tracer.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { CinnoxCallTracker } from '../calls/cinnox-call-tracker.service.js';
import { resolveCinnoxOptions } from '../cinnox-options.provider.js';
import { CinnoxEventProcessor } from './cinnox-event.processor.js';
import { CINNOX_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE } from './cinnox-queue.constants.js';

const reachable = await redisAvailable('the queue processor spec');

const data = (id: string): CinnoxEventJob => ({
  hook: 'call',
  key: `call:${id}:CallStart`,
  body: { message: { id, status: 'CallStart', serviceId: 'service-demo', caller: { number: 85212345678 } } },
  receivedAt: '2026-11-25T10:00:00.000Z',
});

describe.skipIf(!reachable)('CinnoxEventProcessor (real Redis)', () => {
  const prefix = `cinnox-spec-${randomUUID()}`;
  const events = new Queue<CinnoxEventJob>(CINNOX_EVENTS_QUEUE, { connection: redisConnection(), prefix });
  const deadLetters = new Queue(CINNOX_DEAD_LETTER_QUEUE, { connection: redisConnection(), prefix });
  const defaultDeadLetters = deadLetters;
  const queues: Queue[] = [events, deadLetters];
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    await deleteRedisKeys(`${prefix}:*`);
  });

  /** The processor over the real publisher and emitter; `listener` hears call.start. */
  function processor(
    listener: (event: CallStartEvent) => unknown,
    deadLetters: Queue = defaultDeadLetters,
    deadLetter = { maxAgeMs: 604_800_000, maxCount: 10_000 },
  ): CinnoxEventProcessor {
    const emitter = new EventEmitter2();
    emitter.on('call.start', listener);
    const options = resolveCinnoxOptions({ baseUrl: 'http://127.0.0.1:9', appId: 'a', appToken: 't' });
    const metrics = new CinnoxMetrics();
    const tracer = new CinnoxNoopTracer();
    const dispatch = new CinnoxListenerDispatch(emitter, metrics, options, tracer);
    const publisher = new CinnoxEventPublisher(
      dispatch,
      new CinnoxCallFeed(new CinnoxCallTracker(options, options.calls.store, metrics), dispatch),
    );
    // The queue port as CinnoxModule leaves it: its publisher attached (CinnoxQueueAttachment).
    const port = new (class extends CinnoxEventQueue {
      enqueue(): Promise<void> {
        return Promise.resolve();
      }
    })();
    port.attach({
      publisher,
      recorder: undefined,
      tracer,
      shutdownSignal: new AbortController().signal,
      shutdownDeadline: () => undefined,
    });
    return new CinnoxEventProcessor(port, deadLetters, deadLetter);
  }

  /** A job as the worker hands it over, stored in the real queue, `attemptsMade` attempts in. */
  async function storedJob(id: string, attempts: number, attemptsMade: number): Promise<Job<CinnoxEventJob>> {
    const job = await events.add('call-event', data(id), { jobId: `job-${id}`, attempts });
    job.attemptsMade = attemptsMade;
    return job;
  }

  it('emits the stored notification, with the time the webhook received it', async () => {
    const heard: CallStartEvent[] = [];
    await processor((event) => heard.push(event)).process(await storedJob('emitted', 3, 0));

    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ callId: 'emitted', eventId: 'call:emitted:CallStart', caller: { number: '85212345678' } });
    expect(heard[0]!.receivedAt).toEqual(new Date('2026-11-25T10:00:00.000Z'));
  });

  it('fails the job when a listener fails, synchronously or later, so BullMQ retries it', async () => {
    const throwing = processor(() => {
      throw new Error('listener down');
    });
    const rejecting = processor(async () => {
      await Promise.resolve();
      throw new Error('listener down later');
    });

    await expect(throwing.process(await storedJob('throws', 3, 0))).rejects.toThrow('listener(s) failed');
    await expect(rejecting.process(await storedJob('rejects', 3, 0))).rejects.toThrow('listener(s) failed');
  });

  it('moves a job to the dead-letter queue after its last attempt only, with the error and the attempts', async () => {
    const worker = processor(() => undefined);
    await worker.onFailed(await storedJob('retried', 3, 2), new Error('still failing'));
    expect(await deadLetters.getJob('job-retried')).toBeUndefined();

    await worker.onFailed(await storedJob('dead', 3, 3), new Error('gave up'));
    const dead = await deadLetters.getJob('job-dead');
    expect(dead?.data).toEqual({ ...data('dead'), error: 'gave up', attempts: 3 });
  });

  it('drops dead letters older than deadLetter.maxAgeMs when one arrives', async () => {
    // A dead-letter queue of its own, so the other tests' letters do not count.
    const own = new Queue(CINNOX_DEAD_LETTER_QUEUE, { connection: redisConnection(), prefix: `${prefix}-aged` });
    queues.push(own);
    const day = 86_400_000;
    await own.add('dead-event', { key: 'eight-days-old' }, { jobId: 'job-old', timestamp: Date.now() - 8 * day });
    await own.add('dead-event', { key: 'six-days-old' }, { jobId: 'job-recent', timestamp: Date.now() - 6 * day });

    await processor(() => undefined, own, { maxAgeMs: 7 * day, maxCount: 10_000 }).onFailed(await storedJob('aged', 1, 1), new Error('x'));

    const kept = await own.getJobs(['waiting']);
    expect(kept.map((job) => job.id ?? '').sort((a, b) => a.localeCompare(b))).toEqual(['job-aged', 'job-recent']);
    await deleteRedisKeys(`${prefix}-aged:*`);
  });

  it('gives a dead letter the bounds as removeOnComplete / removeOnFail, for a worker the host runs on that queue', async () => {
    const own = new Queue(CINNOX_DEAD_LETTER_QUEUE, { connection: redisConnection(), prefix: `${prefix}-bounds` });
    queues.push(own);
    await processor(() => undefined, own, { maxAgeMs: 3_600_000, maxCount: 5 }).onFailed(await storedJob('bounded', 1, 1), new Error('x'));

    expect((await own.getJob('job-bounded'))?.opts).toMatchObject({
      removeOnComplete: { age: 3600, count: 5 },
      removeOnFail: { age: 3600, count: 5 },
    });
    await deleteRedisKeys(`${prefix}-bounds:*`);
  });

  it('logs a dead letter it could not store, and resolves: BullMQ drops the promise, a rejection would be unhandled', async () => {
    const unreachable = new Queue(CINNOX_DEAD_LETTER_QUEUE, {
      connection: {
        host: '127.0.0.1',
        port: await closedPort(),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      },
      prefix,
    });
    queues.push(unreachable);
    unreachable.on('error', () => undefined);
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await expect(
        processor(() => undefined, unreachable).onFailed(await storedJob('lost', 2, 2), new Error('listener down')),
      ).resolves.toBeUndefined();
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]![0])).toMatch(
        /^Event call:lost:CallStart failed 2 times \(listener down\) and could not be moved to cinnox-events-dead: .+; it stays in cinnox-events as failed/,
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('ignores a failure event without a job (BullMQ sends one when a job is gone)', async () => {
    await expect(processor(() => undefined).onFailed(undefined, new Error('no job'))).resolves.toBeUndefined();
  });
});
