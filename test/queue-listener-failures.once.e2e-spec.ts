import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { CinnoxMetrics, OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { CINNOX_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE, CinnoxQueueModule, type CinnoxQueueOptions } from 'nestjs-cinnox/queue';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test as e2eTest, type E2eHost } from './support/e2e.fixture.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

const reachable = await redisAvailable('the queue listener-failure tests');

/**
 * Listeners failing in every way the library's decorators allow, none of them with `suppressErrors: false`:
 * each failure must still reach the job.
 */
@Injectable()
class DefaultOptionListeners {
  readonly heard: string[] = [];

  @OnCallStart()
  throwsWithDefaults(): void {
    throw new Error('default-option listener failure');
  }

  @OnCallStart({ suppressErrors: true })
  async rejectsAskingToSuppress(): Promise<void> {
    await Promise.resolve();
    throw new Error('suppressErrors: true listener failure');
  }

  @OnCallStart({ async: true })
  async rejectsDetached(): Promise<void> {
    await Promise.resolve();
    throw new Error('async: true listener failure');
  }

  @OnCallStart()
  hears(event: CallStartEvent): void {
    this.heard.push(event.eventId);
  }
}

const POLL = { timeout: 5000 };

describe.skipIf(!reachable)('listener failures in queue mode (BullMQ on the real Redis)', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await deleteRedisKeys(`${prefix}:*`);
  });

  /** A host in queue mode on queues of its own, with the failing listeners. */
  const test = e2eTest.extend('start', async ({ startHost }) => {
    return (queue: CinnoxQueueOptions): Promise<E2eHost> => {
      const prefix = `cinnox-test-${randomUUID()}`;
      prefixes.push(prefix);
      return startHost(
        {},
        {
          providers: [DefaultOptionListeners],
          imports: [BullModule.forRoot({ connection: redisConnection(), prefix }), CinnoxQueueModule.forRoot({ backoffMs: 10, ...queue })],
        },
      );
    };
  });

  test('listeners with default options, suppressErrors: true or async: true fail the job: retried, dead-lettered, each failure counted', async ({
    start,
  }) => {
    const harness = await start({ attempts: 3 });
    expect((await harness.post(callStartNotification({ id: 'queued-default' }))).status).toBe(200);

    const dead = harness.app.get<Queue>(getQueueToken(CINNOX_DEAD_LETTER_QUEUE));
    await expect.poll(async () => (await dead.getJobCounts('waiting')).waiting, POLL).toBe(1);
    const [job] = await dead.getJobs(['waiting']);
    expect(job?.data).toMatchObject({
      key: 'call:queued-default:CallStart',
      attempts: 3,
      error: '3 listener(s) failed for event call:queued-default:CallStart',
    });
    expect(await harness.app.get<Queue>(getQueueToken(CINNOX_EVENTS_QUEUE)).getJobCounts('completed', 'failed')).toEqual({
      completed: 0,
      failed: 1,
    });
    // Three attempts, three failing listeners each; the healthy listener heard every attempt.
    expect(harness.app.get(DefaultOptionListeners).heard).toEqual(Array(3).fill('call:queued-default:CallStart'));
    const failures = await harness.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_listener_failures_total');
    expect(failures).toContain('cinnox_listener_failures_total{event="call.start"} 9');
  });

  test('the dead-letter queue keeps only the newest deadLetter.maxCount jobs', async ({ start }) => {
    const harness = await start({ attempts: 1, deadLetter: { maxCount: 2 } });
    const dead = harness.app.get<Queue>(getQueueToken(CINNOX_DEAD_LETTER_QUEUE));
    const deadKeys = async () => (await dead.getJobs(['waiting'])).map((stored) => stored.data.key as string).sort();
    const expected = [['dead-1'], ['dead-1', 'dead-2'], ['dead-2', 'dead-3']];
    for (const [index, id] of ['dead-1', 'dead-2', 'dead-3'].entries()) {
      expect((await harness.post(callStartNotification({ id }))).status).toBe(200);
      // One at a time, so "newest" has one meaning.
      await expect.poll(deadKeys, POLL).toEqual(expected[index]!.map((kept) => `call:${kept}:CallStart`));
    }
  });
});
