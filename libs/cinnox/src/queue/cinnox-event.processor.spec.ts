import type { ModuleRef } from '@nestjs/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Queue, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, redisAvailable, redisConnection } from '../../../../test/support/redis.js';
import type { CallStartEvent } from '../events/call-start.event.js';
import type { CinnoxEventJob } from '../events/cinnox-event.queue.js';
import { CinnoxEventPublisher } from '../events/cinnox-event.publisher.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { CinnoxCallTracker } from '../calls/cinnox-call-tracker.service.js';
import { resolveCinnoxOptions } from '../cinnox-options.provider.js';
import { CinnoxEventProcessor } from './cinnox-event.processor.js';
import { CINNOX_CALL_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE } from './cinnox-queue.constants.js';

const reachable = await redisAvailable('the queue processor spec');

const data = (id: string): CinnoxEventJob => ({
  hook: 'call',
  key: `call:${id}:CallStart`,
  body: { message: { id, status: 'CallStart', serviceId: 'service-demo', caller: { number: 85212345678 } } },
  receivedAt: '2026-11-25T10:00:00.000Z',
});

describe.skipIf(!reachable)('CinnoxEventProcessor (real Redis)', () => {
  const prefix = `cinnox-spec-${randomUUID()}`;
  const events = new Queue<CinnoxEventJob>(CINNOX_CALL_EVENTS_QUEUE, { connection: redisConnection(), prefix });
  const deadLetters = new Queue(CINNOX_DEAD_LETTER_QUEUE, { connection: redisConnection(), prefix });
  afterAll(async () => {
    await Promise.all([events.close(), deadLetters.close()]);
    await deleteRedisKeys(`${prefix}:*`);
  });

  /** The processor over the real publisher and emitter; `listener` hears call.start. */
  function processor(listener: (event: CallStartEvent) => unknown): CinnoxEventProcessor {
    const emitter = new EventEmitter2();
    emitter.on('call.start', listener);
    const options = resolveCinnoxOptions({ baseUrl: 'http://127.0.0.1:9', appId: 'a', appToken: 't' });
    const metrics = new CinnoxMetrics();
    const publisher = new CinnoxEventPublisher(emitter, metrics, options, new CinnoxCallTracker(options, options.calls.store, metrics));
    const moduleRef = { get: () => publisher } as unknown as ModuleRef;
    return new CinnoxEventProcessor(moduleRef, deadLetters);
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
    expect(heard[0]).toMatchObject({ callId: 'emitted', eventId: 'emitted:CallStart', caller: { number: '85212345678' } });
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

  it('ignores a failure event without a job (BullMQ sends one when a job is gone)', async () => {
    await expect(processor(() => undefined).onFailed(undefined, new Error('no job'))).resolves.toBeUndefined();
  });
});
