import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import {
  CINNOX_CALL_EVENTS_QUEUE,
  CINNOX_DEAD_LETTER_QUEUE,
  CINNOX_EVENTS_QUEUE,
  CINNOX_LEGACY_DEAD_LETTER_QUEUE,
  CINNOX_LEGACY_EVENTS_QUEUE,
  CinnoxQueueModule,
} from 'nestjs-cinnox/queue';
import { callStartNotification } from 'nestjs-cinnox/testing';
import { test } from './support/e2e.fixture.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 20: the queues stopped saying "call" (cinnox-events, cinnox-events-dead). Jobs an earlier version
// stored under the old name must still reach the listeners after an upgrade, and its dead letters stay.

const reachable = await redisAvailable('the legacy queue name tests');

/** Fails every call.start of the call `doomed`, so its job ends as a dead letter. */
@Injectable()
class DoomedListener {
  @OnCallStart({ suppressErrors: false })
  handle(event: CallStartEvent): void {
    if (event.callId === 'doomed') throw new Error('listener down');
  }
}

const POLL = { timeout: 5000 };
const receivedAt = '2026-11-25T10:00:00.000Z';

describe.skipIf(!reachable)('queue mode after the queue rename (real Redis)', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await deleteRedisKeys(`${prefix}:*`);
  });

  test('the old names are gone from the new ones; the deprecated constant is the new queue', () => {
    expect([CINNOX_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE]).toEqual(['cinnox-events', 'cinnox-events-dead']);
    expect(CINNOX_CALL_EVENTS_QUEUE).toBe(CINNOX_EVENTS_QUEUE);
    expect([CINNOX_LEGACY_EVENTS_QUEUE, CINNOX_LEGACY_DEAD_LETTER_QUEUE]).toEqual(['cinnox-call-events', 'cinnox-call-events-dead']);
  });

  test('jobs stored under the old queue name before the upgrade reach the listeners; old dead letters stay', async ({ startHost }) => {
    const prefix = `cinnox-test-${randomUUID()}`;
    prefixes.push(prefix);
    // What earlier versions left in Redis, written with plain BullMQ before the app starts.
    const legacy = new Queue(CINNOX_LEGACY_EVENTS_QUEUE, { connection: redisConnection(), prefix });
    const legacyDead = new Queue(CINNOX_LEGACY_DEAD_LETTER_QUEUE, { connection: redisConnection(), prefix });
    try {
      const retried = { attempts: 2, backoff: { type: 'exponential', delay: 10 } };
      // 0.1.0: call notifications only, { key, message, receivedAt }, named 'call-event'.
      const v010 = { key: 'v010:CallStart', message: callStartNotification({ id: 'v010' }).message, receivedAt };
      await legacy.add('call-event', v010, { jobId: 'cinnox-v010', ...retried });
      // Every hook on one queue, named by its hook: { hook, key, body, receivedAt }.
      const body = callStartNotification({ id: 'v-hooks' });
      await legacy.add('call', { hook: 'call', key: 'call:v-hooks:CallStart', body, receivedAt }, { jobId: 'cinnox-v-hooks', ...retried });
      const doomed = { hook: 'call', key: 'call:doomed:CallStart', body: callStartNotification({ id: 'doomed' }), receivedAt };
      await legacy.add('call', doomed, { jobId: 'cinnox-doomed', ...retried });
      await legacyDead.add('dead-event', { key: 'old:CallStart', error: 'listener down', attempts: 5 }, { jobId: 'cinnox-old' });

      const host = await startHost(
        {},
        {
          providers: [DoomedListener],
          imports: [BullModule.forRoot({ connection: redisConnection(), prefix }), CinnoxQueueModule.forRoot({ backoffMs: 10 })],
        },
      );

      await expect
        .poll(() => host.events.filter((event) => event.name === 'call.start').map((event) => event.payload.callId as string), POLL)
        .toEqual(expect.arrayContaining(['v010', 'v-hooks', 'doomed']));
      // A job of the old queue that keeps failing becomes a dead letter in the new dead-letter queue.
      const dead = host.app.get<Queue>(getQueueToken(CINNOX_DEAD_LETTER_QUEUE));
      await expect.poll(async () => (await dead.getJobs(['waiting'])).map((job) => job.data.key), POLL).toEqual(['call:doomed:CallStart']);
      await expect
        .poll(() => legacy.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed'), POLL)
        .toMatchObject({
          waiting: 0,
          delayed: 0,
          active: 0,
          completed: 2,
          failed: 1,
        });
      // Each emitted once (the doomed one once per attempt).
      expect(
        host.events
          .filter((event) => event.name === 'call.start')
          .map((event) => event.payload.callId as string)
          .sort((a, b) => a.localeCompare(b)),
      ).toEqual(['doomed', 'doomed', 'v-hooks', 'v010']);
      // An older replica still running during a rolling upgrade stores on the old name: drained while the app runs.
      const late = { hook: 'call', key: 'call:v-late:CallStart', body: callStartNotification({ id: 'v-late' }), receivedAt };
      await legacy.add('call', late, { jobId: 'cinnox-v-late', ...retried });
      await expect.poll(() => host.events.some((event) => event.payload.callId === 'v-late'), POLL).toBe(true);
      // Nothing reads, moves or trims the old dead letters: they stay where they were, to inspect.
      expect((await legacyDead.getJobs(['waiting'])).map((job) => job.data)).toEqual([
        { key: 'old:CallStart', error: 'listener down', attempts: 5 },
      ]);
    } finally {
      await Promise.all([legacy.close(), legacyDead.close()]);
    }
  });
});
