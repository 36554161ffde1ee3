import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { cinnoxEnv, test } from './support/e2e.fixture.js';
import type { E2eHost } from './support/e2e-host.js';
import { startFreezableProxy, type FreezableProxy } from './support/freezable-proxy.js';
import { DATABASE_URL, dropSchema, postgresAvailable, postgresPool, testSchema } from './support/postgres.js';
import { deleteRedisKeys, redisAvailable, redisConnection } from './support/redis.js';

// Issue 19, section 6: the sample's GET /calls and /calls/:id read the call store (Redis in queue mode). With
// Redis frozen they hung, with Redis down they answered 500 after 1-2 s: now 503 within 2 s, either way.

const reachable = await redisAvailable('the /calls Redis fault tests');
const WITHIN_MS = 2000;

/** Freezes or cuts the store's connection, then each read of the calls answers 503 within WITHIN_MS. */
async function expectUnavailableOnFault(sample: E2eHost, proxy: FreezableProxy, fault: 'frozen' | 'down'): Promise<void> {
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
}

describe.skipIf(!reachable)('GET /calls when the call store cannot answer', () => {
  const prefix = `cinnox-test-${randomUUID()}`;
  afterAll(() => deleteRedisKeys(`${prefix}:*`));

  test.for(['frozen', 'down'] as const)('Redis %s: 503 within 2 s on /calls and /calls/:id', async (fault, { simulator, startSample }) => {
    const target = redisConnection();
    const proxy = await startFreezableProxy(target);
    try {
      const sample = await startSample({
        ...cinnoxEnv(simulator),
        CINNOX_MODE: 'queue',
        // A web-only replica: its call store is the same Redis store.
        CINNOX_QUEUE_WORKER: 'false',
        CINNOX_QUEUE_PREFIX: prefix,
        REDIS_URL: `redis://127.0.0.1:${proxy.port}/${target.db}`,
      });
      // The store answers while Redis does.
      await expect.poll(async () => (await sample.get('/calls')).status).toBe(200);

      await expectUnavailableOnFault(sample, proxy, fault);
      // Queue mode's close under a frozen Redis is test/frozen-redis-shutdown.e2e-spec.ts's: Redis is back first.
      proxy.thaw();
      await sample.close();
    } finally {
      proxy.thaw();
      await proxy.close();
    }
  });
});

const postgresReachable = await postgresAvailable('the /calls PostgreSQL fault tests');

describe.skipIf(!postgresReachable)('GET /calls when its PostgreSQL cannot answer', () => {
  const pool = postgresPool(1);
  const schema = testSchema();
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  test.for(['frozen', 'down'] as const)(
    'PostgreSQL %s: 503 within 2 s on /calls and /calls/:id',
    async (fault, { simulator, startSample }) => {
      const target = new URL(DATABASE_URL);
      const proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
      try {
        target.host = `127.0.0.1:${proxy.port}`;
        const sample = await startSample({ ...cinnoxEnv(simulator), DATABASE_URL: target.href, CINNOX_DB_SCHEMA: schema });
        await expect.poll(async () => (await sample.get('/calls')).status).toBe(200);

        await expectUnavailableOnFault(sample, proxy, fault);
        proxy.thaw();
        await sample.close();
      } finally {
        proxy.thaw();
        await proxy.close();
      }
    },
  );
});
