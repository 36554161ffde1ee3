import { afterAll, describe, expect } from 'vitest';
import {
  CinnoxCoverage,
  CinnoxCoverageGapEvent,
  CinnoxMemoryCoverageStore,
  CinnoxMetrics,
  type CinnoxCoverageGap,
  type CinnoxModuleOptions,
} from 'nestjs-cinnox';
import { CinnoxPostgresCoverageStore } from 'nestjs-cinnox/postgres';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, webhookUrlOf, type E2eHost } from './support/e2e.fixture.js';
import { HealthModule } from './support/health-module.js';
import { dropSchema, postgresAvailable, postgresPool, testSchema } from './support/postgres.js';

// Issue 21 §3 over real HTTP and a real PostgreSQL: replicas write heartbeats to one schema, and the gaps in
// which nothing could be received are found, emitted once, counted, listed and shown in /health.

const INTERVAL_MS = 100;
const POLL = { timeout: 10_000, interval: 50 };

const reachable = await postgresAvailable('the coverage e2e tests');

const shown = (gaps: readonly CinnoxCoverageGap[]) => gaps.map((gap) => `${gap.hook} ${gap.reason}`).sort((a, b) => a.localeCompare(b));
const gapEvents = (host: E2eHost) => host.events.filter((event) => event.name === 'cinnox.coverage.gap').map((event) => event.payload);

describe.skipIf(!reachable)('coverage: two replicas on one PostgreSQL schema', () => {
  const pool = postgresPool();
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  /** How far the replicas have settled the heartbeats (ms since the epoch). */
  const settledUntil = async (schema: string): Promise<number> =>
    Number((await pool.query(`SELECT data->>'until' AS until FROM "${schema}".coverage_progress`)).rows[0]?.until ?? 0);

  test("one replica's restart while the other runs is no gap; both stopped for a while is one no-replica gap per hook, emitted once, listed, counted and in /health", async ({
    startHost,
  }) => {
    const schema = testSchema();
    schemas.push(schema);
    const replica = (): Promise<E2eHost> =>
      startHost(
        {
          hooks: ['call', 'inquiry'],
          coverage: { store: new CinnoxPostgresCoverageStore(pool, schema), heartbeatIntervalMs: INTERVAL_MS },
        },
        { imports: [HealthModule] },
      );
    const a = await replica();
    const b = await replica();
    const replicas = async () => (await pool.query(`SELECT DISTINCT replica FROM "${schema}".coverage_heartbeats`)).rowCount;
    await expect.poll(replicas, POLL).toBe(2);

    // A stops; B runs on for more than three intervals after it, and settles past its stop.
    await a.close();
    const aStopped = Date.now();
    await expect.poll(() => settledUntil(schema), POLL).toBeGreaterThan(aStopped + 5 * INTERVAL_MS);
    expect(await b.app.get(CinnoxCoverage).gaps()).toEqual([]);
    const restarted = await replica();
    await expect.poll(() => settledUntil(schema), POLL).toBeGreaterThan(Date.now());
    expect(await restarted.app.get(CinnoxCoverage).gaps()).toEqual([]);

    // Both stop for ten intervals, then two start at once: one of them closes (and announces) each gap.
    await Promise.all([b.close(), restarted.close()]);
    const stopped = Date.now();
    await sleep(10 * INTERVAL_MS); // the downtime under test, not a wait for something to happen
    const [c, d] = await Promise.all([replica(), replica()]);
    const started = Date.now();
    const coverage = c.app.get(CinnoxCoverage);
    await expect.poll(async () => shown(await coverage.gaps()), POLL).toEqual(['call no-replica', 'inquiry no-replica']);
    for (const gap of await coverage.gaps()) {
      expect(gap.from.getTime()).toBeLessThanOrEqual(stopped);
      expect(gap.from.getTime()).toBeGreaterThan(stopped - 2 * INTERVAL_MS);
      expect(gap.to.getTime()).toBeGreaterThanOrEqual(stopped + 10 * INTERVAL_MS);
      expect(gap.to.getTime()).toBeLessThanOrEqual(started + INTERVAL_MS);
    }
    expect(await d.app.get(CinnoxCoverage).gaps({ hook: 'inquiry' })).toHaveLength(1);

    // One event per gap across both replicas, of its class; settling on finds no more.
    const events = () => [...gapEvents(c), ...gapEvents(d)];
    await expect.poll(() => events().length, POLL).toBe(2);
    expect(events().every((event) => event instanceof CinnoxCoverageGapEvent)).toBe(true);
    const settled = await settledUntil(schema);
    await expect.poll(() => settledUntil(schema), POLL).toBeGreaterThan(settled + 5 * INTERVAL_MS);
    expect(await coverage.gaps()).toHaveLength(2);
    expect(events()).toHaveLength(2);

    const metrics = await Promise.all(
      [c, d].map((one) => one.app.get(CinnoxMetrics).registry.getSingleMetricAsString('cinnox_coverage_gaps_total')),
    );
    for (const hook of ['call', 'inquiry']) {
      expect(
        metrics
          .join('\n')
          .split('\n')
          .filter((line) => line === `cinnox_coverage_gaps_total{hook="${hook}",reason="no-replica"} 1`),
      ).toHaveLength(1);
    }

    await expect
      .poll(async () => (await c.get('/health')).body.details['cinnox.inquiry'].coverage, POLL)
      .toEqual({
        uncoveredSince: null,
        storeFailing: false,
        recentGaps: [{ from: expect.any(String), to: expect.any(String), reason: 'no-replica' }],
      });
  });
});

describe('coverage: a subscription not in place', () => {
  const withCoverage = (store: CinnoxMemoryCoverageStore, extra: Partial<CinnoxModuleOptions> = {}): Partial<CinnoxModuleOptions> => ({
    coverage: { store, heartbeatIntervalMs: INTERVAL_MS },
    subscription: { url: webhookUrlOf, backoff: { initialDelayMs: 200, maxDelayMs: 200 } },
    ...extra,
  });

  test('refused by the simulator, then confirmed: one subscription-inactive gap once it is confirmed', async ({ simulator, startHost }) => {
    simulator.refuseChallenges(3);
    const store = new CinnoxMemoryCoverageStore();
    const host = await startHost(withCoverage(store));
    const coverage = host.app.get(CinnoxCoverage);

    await expect.poll(() => simulator.subscription()?.enabled, POLL).toBe(true);
    await expect
      .poll(async () => (await coverage.gaps()).map((gap) => [gap.hook, gap.reason]), POLL)
      .toEqual([['call', 'subscription-inactive']]);
    const [gap] = await coverage.gaps();
    const active = host.events.find((event) => event.name === 'cinnox.subscription' && event.payload.state === 'active')!.payload;
    // It ends at the first heartbeat after the confirmation.
    expect(gap!.to.getTime()).toBeGreaterThanOrEqual(active.at.getTime());
    expect(gap!.to.getTime()).toBeLessThanOrEqual(active.at.getTime() + 2 * INTERVAL_MS);
    expect(gapEvents(host)).toEqual([new CinnoxCoverageGapEvent('call', gap!.from, gap!.to, 'subscription-inactive')]);
  });

  test('refused for good (wrong token): the gap is emitted when the app closes', async ({ simulator, startHost }) => {
    const store = new CinnoxMemoryCoverageStore();
    const host = await startHost(withCoverage(store, { appToken: 'not-the-simulators-token' }));
    await expect.poll(() => host.app.get(CinnoxCoverage).uncoveredSince('call'), POLL).toBeInstanceOf(Date);
    expect(simulator.subscription()).toBeUndefined();
    expect(gapEvents(host)).toEqual([]);

    await host.close();
    const closed = Date.now();
    expect(store.gaps({ limit: 10 }).map((gap) => [gap.hook, gap.reason])).toEqual([['call', 'subscription-inactive']]);
    expect(store.gaps({ limit: 10 })[0]!.to.getTime()).toBeLessThanOrEqual(closed);
    expect(gapEvents(host)).toHaveLength(1);
  });
});
