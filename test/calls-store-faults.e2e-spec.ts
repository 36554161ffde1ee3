import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import { startFreezableProxy } from './support/freezable-proxy.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 19, section 6: the sample's GET /calls and /calls/:id read the call store (Redis in queue mode). With
// Redis frozen they hung, with Redis down they answered 500 after 1-2 s: now 503 within 2 s, either way.

const reachable = await redisAvailable('the /calls Redis fault tests');
const WITHIN_MS = 2000;
const GRACE_MS = 1500;
// What the clock may add to the grace period: the timers' own lateness on a busy machine.
const MARGIN_MS = 300;

describe.skipIf(!reachable)('GET /calls when the call store cannot answer', () => {
  const prefix = `cinnox-test-${randomUUID()}`;
  afterAll(() => deleteRedisKeys(`${prefix}:*`));

  test.for(['frozen', 'down'] as const)(
    'Redis %s: 503 within 2 s on /calls and /calls/:id, and the queue-mode sample still closes within its grace period',
    async (fault, { simulator, startSample }) => {
      const target = redisConnection();
      const proxy = await startFreezableProxy(target);
      try {
        const sample = await startSample({
          ...cinnoxEnv(simulator),
          CINNOX_MODE: 'queue',
          CINNOX_SHUTDOWN_GRACE_MS: String(GRACE_MS),
          CINNOX_QUEUE_PREFIX: prefix,
          REDIS_URL: `redis://127.0.0.1:${proxy.port}/${target.db}`,
        });
        // The store answers while Redis does.
        await expect.poll(async () => (await sample.get('/calls')).status).toBe(200);

        if (fault === 'frozen') proxy.freeze();
        else proxy.cut();

        for (const path of ['/calls', '/calls?status=active', '/calls/call-1']) {
          const started = performance.now();
          const answer = await sample.get(path);
          const tookMs = performance.now() - started;
          expect({ path, status: answer.status }).toEqual({ path, status: 503 });
          expect(answer.body.message).toContain('The call store is unavailable');
          expect(tookMs).toBeLessThan(WITHIN_MS);
        }
        // The worker, the queues and the sample's own clients are cut when the grace period ends.
        const started = performance.now();
        await sample.close();
        expect(performance.now() - started).toBeLessThan(GRACE_MS + MARGIN_MS);
      } finally {
        proxy.thaw();
        await proxy.close();
      }
    },
  );
});
