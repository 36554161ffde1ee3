import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { CINNOX_EVENTS_QUEUE } from 'nestjs-cinnox/queue';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import { keepAliveFlood } from './support/keep-alive-flood.js';
import { test } from './support/e2e.fixture.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 10, defect 5, on the sample app: SIGTERM (app.close(), which enableShutdownHooks() runs) under a
// keep-alive flood, with the unsubscribe-on-shutdown call hanging at CINNOX: everything done at shutdown
// fits in CINNOX_SHUTDOWN_GRACE_MS, and every notification answered 200 was delivered (inline) or stored.

const GRACE_MS = 1500;
const SECRET = 'sample-shutdown-secret-0123';
const reachable = await redisAvailable('the queue-mode sample shutdown test');

describe.each(['inline', 'queue'] as const)('sample app shutdown under a keep-alive flood (%s)', (mode) => {
  const prefix = `cinnox-test-${randomUUID()}`;
  afterAll(async () => {
    if (mode === 'queue' && reachable) await deleteRedisKeys(`${prefix}:*`);
  });

  test.skipIf(mode === 'queue' && !reachable)(
    'closes within the grace period with a hanging unsubscribe, every 200 delivered',
    async ({ startSample }) => {
      // The embedded mode: the library subscribes this app's own URL once it listens, and unsubscribes at shutdown.
      const sample = await startSample({
        CINNOX_DEMO_INTERVAL_MS: '0',
        CINNOX_MODE: mode,
        CINNOX_QUEUE_PREFIX: prefix,
        CINNOX_QUEUE_WORKER: 'false',
        CINNOX_WEBHOOK_SECRET: SECRET,
        CINNOX_UNSUBSCRIBE_ON_SHUTDOWN: 'true',
        CINNOX_SHUTDOWN_GRACE_MS: String(GRACE_MS),
      });
      await expect.poll(() => sample.subscriptionState()).toBe('active');
      const simulator = sample.app.get(CinnoxSimulator);
      simulator.failNext({ delayMs: 60_000 }); // the unsubscribe at shutdown: CINNOX never answers
      const flood = keepAliveFlood(`${sample.webhookUrl}?token=${SECRET}`);
      await expect.poll(() => flood.answered.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(100);

      const started = performance.now();
      await sample.close();
      const closeMs = performance.now() - started;
      await flood.done;

      console.info(`sample ${mode}: app.close() took ${closeMs.toFixed(0)} ms (grace ${GRACE_MS} ms, ${flood.ok().length} answered 200)`);
      // The waiting ends early enough for closing the server and the Redis clients to fit in the grace period.
      expect(closeMs).toBeLessThan(GRACE_MS);
      const delivered = new Set<string>();
      if (mode === 'inline') {
        for (const event of sample.events) if (event.name === 'call.start') delivered.add(event.payload.callId);
      } else {
        const queue = new Queue(CINNOX_EVENTS_QUEUE, { connection: redisConnection(), prefix });
        for (const job of await queue.getJobs(['waiting']))
          delivered.add((job.data as { body: { message: { id: string } } }).body.message.id);
        await queue.close();
      }
      expect(flood.ok().filter((id) => !delivered.has(id))).toEqual([]);
    },
  );
});
