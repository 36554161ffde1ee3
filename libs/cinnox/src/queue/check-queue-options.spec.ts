import { BullModule } from '@nestjs/bullmq';
import type { DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, redisAvailable, redisConnection } from '../../../../test/support/redis.js';
import { CinnoxModule } from '../cinnox.module.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxEventQueue } from '../core/cinnox-event.queue.js';
import type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';
import { CinnoxQueueModule } from './cinnox-queue.module.js';

const reachable = await redisAvailable('the queue options spec');

describe.skipIf(!reachable)('CinnoxQueueModule options, checked at start-up (real Redis)', () => {
  const prefix = `cinnox-queue-options-spec-${randomUUID()}`;
  afterAll(() => deleteRedisKeys(`${prefix}:*`));

  const boot = (queue: DynamicModule): Promise<TestingModule> =>
    Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        BullModule.forRoot({ connection: redisConnection(), prefix }),
        queue,
        CinnoxModule.forRoot({ baseUrl: 'http://127.0.0.1:9', appId: 'app', appToken: 'token' }),
      ],
    }).compile();

  /** What booting with `options` threw; a boot that succeeds (as every one did before) is closed and fails the test. */
  async function refusal(queue: DynamicModule): Promise<CinnoxOptionsError> {
    const booted = await boot(queue).catch((error: unknown) => error);
    if (!(booted instanceof Error)) {
      await (booted as TestingModule).close();
      throw new Error('expected start-up to fail');
    }
    expect(booted).toBeInstanceOf(CinnoxOptionsError);
    return booted as CinnoxOptionsError;
  }

  it.each<[string, CinnoxQueueOptions]>([
    ['worker', { worker: 'yes' as unknown as boolean }],
    ['attempts', { attempts: 0 }],
    ['backoffMs', { backoffMs: -1 }],
    ['concurrency', { concurrency: 1.5 }],
    ['enqueueTimeoutMs', { enqueueTimeoutMs: 0 }],
    ['batchWindowMs', { batchWindowMs: -5 }],
    ['maxBatch', { maxBatch: 0 }],
    ['retentionMs', { retentionMs: Number.NaN }],
    ['lockDurationMs', { lockDurationMs: 2 ** 31 }],
    ['stalledIntervalMs', { stalledIntervalMs: '30s' as unknown as number }],
    ['producerConnection', { producerConnection: 'redis://127.0.0.1:6379' as never }],
    ['workerConnection', { workerConnection: null as never }],
    ['deadLetter.maxAgeMs', { deadLetter: { maxAgeMs: 0 } }],
    ['deadLetter.maxCount', { deadLetter: { maxCount: 2.5 } }],
  ])('refuses a bad %s with an error naming it', async (option, options) => {
    const error = await refusal(CinnoxQueueModule.forRoot({ worker: false, ...options }));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(
      new RegExp(
        `^CinnoxQueueModule option "${option.replace('.', '\\.')}" must .*Fix it in CinnoxQueueModule\\.forRoot\\(\\)/forRootAsync\\(\\)\\.$`,
      ),
    );
  });

  // With the window as long as the wait, every delivery used to time out waiting for its batch: 503, forever.
  it.each([
    ['forRoot', CinnoxQueueModule.forRoot({ worker: false, batchWindowMs: 2000 })],
    ['forRootAsync', CinnoxQueueModule.forRootAsync({ useFactory: () => ({ worker: false, batchWindowMs: 500, enqueueTimeoutMs: 300 }) })],
  ])('%s refuses a batch window that is not shorter than enqueueTimeoutMs', async (_, queue) => {
    const error = await refusal(queue);
    expect(error.option).toBe('batchWindowMs');
    expect(error.message).toMatch(/"batchWindowMs" \(\d+ ms\) must be less than "enqueueTimeoutMs" \(\d+ ms\).*answered 503/);
  });

  it('boots with valid options', async () => {
    const moduleRef = await boot(CinnoxQueueModule.forRoot({ worker: false, batchWindowMs: 5, enqueueTimeoutMs: 2000, backoffMs: 0 }));
    expect(moduleRef.get(CinnoxEventQueue)).toBeInstanceOf(CinnoxEventQueue);
    await moduleRef.close();
  });
});
