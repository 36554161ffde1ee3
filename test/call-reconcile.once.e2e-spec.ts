import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import {
  CallCompletedEvent,
  CinnoxOptionsError,
  CinnoxCallTracker,
  CinnoxMemoryCallStore,
  CinnoxMemoryCoverageStore,
  CinnoxReconciler,
  type CinnoxCallStore,
} from 'nestjs-cinnox';
import { CinnoxRedisCallStore } from 'nestjs-cinnox/redis';
import { callEndNotification, callStartNotification, type CinnoxSimulator } from 'nestjs-cinnox/testing';
import { test, type E2eHost } from './support/e2e.fixture.js';
import { deleteRedisKeys, REDIS_URL, redisAvailable } from './support/redis.js';

// Issue 22 §3 over real HTTP: the simulator's call log completes the calls whose webhooks were lost, once.

const POLL = { timeout: 10_000, interval: 50 };

const completions = (...hosts: E2eHost[]): CallCompletedEvent[] =>
  hosts.flatMap((host) =>
    host.events.filter((event) => event.name === 'call.completed').map((event) => event.payload as CallCompletedEvent),
  );

/** A window around everything placed from now until `to()` is called. */
function window(): () => { from: Date; to: Date } {
  const from = new Date(Date.now() - 1000);
  return () => ({ from, to: new Date(Date.now() + 1000) });
}

/** Places `n` calls and ends them; returns their ids. */
async function placeCalls(simulator: CinnoxSimulator, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { callId } = await simulator.placeCall({ caller: { number: 85291000000 + i } });
    await simulator.endCall(callId);
    ids.push(callId);
  }
  return ids;
}

describe('reconcile passes (CinnoxReconciler)', () => {
  test("a call only the report knows is added once, source 'report'; its late webhooks emit nothing again", async ({
    simulator,
    startHost,
  }) => {
    const host = await startHost({ calls: { track: true } });
    await host.subscribe();
    const span = window();
    simulator.dropDeliveries(1);
    const [callId] = await placeCalls(simulator, 1);
    simulator.dropDeliveries(0);

    const result = await host.app.get(CinnoxReconciler).reconcile(span());

    expect(result).toEqual({ checked: 1, added: 1, completed: 0 });
    const log = simulator.callLogRecords()[0]!;
    const [event] = completions(host);
    expect(event).toBeInstanceOf(CallCompletedEvent);
    expect(event).toMatchObject({
      eventId: `call:${callId}:completed`,
      callId,
      source: 'report',
      startedAt: new Date(log.callDate as string),
      endedAt: new Date(log.callEndTime as string),
      caller: { number: '+85291000000' },
    });
    expect(await host.app.get(CinnoxCallTracker).get(callId!)).toMatchObject({
      status: 'ended',
      source: 'report',
      cinnox: { status: 'Call Ended', durationSec: log.callDuration, releaseParty: 'Caller' },
    });

    // CINNOX delivers the lost webhooks late after all.
    expect((await host.post(callStartNotification({ id: callId }))).status).toBe(200);
    expect((await host.post(callEndNotification(callId!))).status).toBe(200);

    expect(host.count('call.end')).toBe(1);
    expect(host.count('call.completed')).toBe(1);
    expect(await host.app.get(CinnoxCallTracker).get(callId!)).toMatchObject({ status: 'ended', source: 'report' });
  });

  test('an active call whose end the report shows is completed from it, once', async ({ simulator, startHost }) => {
    const host = await startHost({ calls: { track: true } });
    await host.subscribe();
    const span = window();
    const { callId } = await simulator.placeCall();
    simulator.dropDeliveries(1);
    await simulator.endCall(callId);
    expect(await host.app.get(CinnoxCallTracker).get(callId)).toMatchObject({ status: 'active' });
    const reconciler = host.app.get(CinnoxReconciler);

    expect(await reconciler.reconcile(span())).toEqual({ checked: 1, added: 0, completed: 1 });
    expect(await reconciler.reconcile(span())).toEqual({ checked: 1, added: 0, completed: 0 });

    const record = await host.app.get(CinnoxCallTracker).get(callId);
    expect(record).toMatchObject({ status: 'ended', source: 'report' });
    expect(record!.durationMs).toBe(record!.endedAt!.getTime() - record!.startedAt!.getTime());
    expect(completions(host)).toEqual([expect.objectContaining({ callId, source: 'report', startedAt: record!.startedAt })]);
  });

  test('with calls.settle, a call completed from the report is settled once, with its direction from the call detail', async ({
    simulator,
    startHost,
  }) => {
    const host = await startHost({ calls: { track: true, settle: { delayMs: 100, attempts: 3 } } });
    await host.subscribe();
    const span = window();
    simulator.dropDeliveries(1);
    const [callId] = await placeCalls(simulator, 1);

    await host.app.get(CinnoxReconciler).reconcile(span());

    await expect.poll(() => host.count('call.settled'), POLL).toBe(1);
    const detail = simulator.callDetailRecords().find((record) => record.callID === callId)!;
    expect(host.events.find((event) => event.name === 'call.settled')!.payload).toMatchObject({
      callId,
      reported: true,
      cinnox: { status: 'Call Ended', direction: detail.callDirection },
    });
    expect(await host.app.get(CinnoxCallTracker).get(callId!)).toMatchObject({ source: 'report', settledAt: expect.any(Date) });
  });

  test("calls the webhooks completed stay 'webhook' and are not completed again", async ({ simulator, startHost }) => {
    const host = await startHost({ calls: { track: true } });
    await host.subscribe();
    const span = window();
    await placeCalls(simulator, 3);

    expect(await host.app.get(CinnoxReconciler).reconcile(span())).toEqual({ checked: 3, added: 0, completed: 0 });
    expect(completions(host).map((event) => event.source)).toEqual(['webhook', 'webhook', 'webhook']);
  });

  test('a closed coverage gap of the call hook is reconciled: calls placed while no replica ran are completed', async ({
    simulator,
    startHost,
  }) => {
    // Two replicas one after the other on shared stores: the first stops, calls happen, the second starts.
    const coverage = new CinnoxMemoryCoverageStore();
    const calls = new CinnoxMemoryCallStore();
    const options = { calls: { track: true, store: calls }, coverage: { store: coverage, heartbeatIntervalMs: 50 } };
    const first = await startHost(options);
    await first.subscribe();
    await first.close();
    const stoppedAt = Date.now();
    // The webhook is gone: these deliveries fail, the report keeps the calls.
    const ids = await placeCalls(simulator, 3);
    await expect.poll(() => Date.now() - stoppedAt, POLL).toBeGreaterThan(500);

    const second = await startHost(options);
    await second.subscribe();

    await expect.poll(() => second.count('cinnox.coverage.gap'), POLL).toBe(1);
    await expect.poll(() => completions(second).length, POLL).toBe(3);
    expect(
      completions(second)
        .map((event) => `${event.callId} ${event.source}`)
        .sort(),
    ).toEqual(ids.map((id) => `${id} report`).sort());
    const gap = second.events.find((event) => event.name === 'cinnox.coverage.gap')!.payload;
    const queries = simulator.requests.filter((request) => request.path.endsWith('/data/call-log'));
    expect(queries.some((request) => new Date(request.query!.startAt!).getTime() === gap.from.getTime())).toBe(true);
  });

  test('with reconcile.gaps false, a closed gap is not read: only the passes asked for are', async ({ simulator, startHost }) => {
    const coverage = new CinnoxMemoryCoverageStore();
    const calls = new CinnoxMemoryCallStore();
    const options = {
      calls: { track: true, store: calls },
      coverage: { store: coverage, heartbeatIntervalMs: 50 },
      reconcile: { gaps: false },
    };
    const placed = window();
    const first = await startHost(options);
    await first.subscribe();
    await first.close();
    const stoppedAt = Date.now();
    const ids = await placeCalls(simulator, 2);
    await expect.poll(() => Date.now() - stoppedAt, POLL).toBeGreaterThan(500);

    const second = await startHost(options);
    await second.subscribe();
    await expect.poll(() => second.count('cinnox.coverage.gap'), POLL).toBe(1);
    const gap = second.events.find((event) => event.name === 'cinnox.coverage.gap')!.payload;
    // A pass asked for now: a gap pass, had one been started when the gap closed, would have queried by now too.
    expect(await second.app.get(CinnoxReconciler).reconcile(placed())).toMatchObject({ added: ids.length });
    const queries = simulator.requests.filter((request) => request.path.endsWith('/data/call-log'));
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.filter((request) => new Date(request.query!.startAt!).getTime() === gap.from.getTime())).toEqual([]);
    expect(completions(second)).toHaveLength(ids.length);
  });

  test('a gap a stopped replica left half done is resumed at the next start: its finished hours are not read again', async ({
    simulator,
    startHost,
  }) => {
    const placer = await startHost({ calls: { track: true } });
    await placer.subscribe();
    simulator.dropDeliveries(1);
    const ids = await placeCalls(simulator, 2);
    // The state a replica leaves when it stops in the second hour of a gap: the gap closed (in the coverage
    // store), its first hour finished (in the call store; keys as the reconciler writes them).
    const now = Date.now();
    const gap = { hook: 'call', from: new Date(now - 90 * 60_000), to: new Date(now + 1000), reason: 'no-replica' as const };
    const firstHourEnd = new Date(gap.from.getTime() + 3_600_000);
    const coverage = new CinnoxMemoryCoverageStore();
    coverage.advance(0, null, [gap]);
    const calls = new CinnoxMemoryCallStore();
    calls.finishWindow(`gap:${gap.from.toISOString()}/${firstHourEnd.toISOString()}`, { now, retentionMs: 3_600_000, activeTtlMs: 0 });

    const host = await startHost({ calls: { track: true, store: calls }, coverage: { store: coverage, heartbeatIntervalMs: 50 } });

    await expect.poll(() => completions(host).length, POLL).toBe(2);
    expect(
      completions(host)
        .map((event) => `${event.callId} ${event.source}`)
        .sort(),
    ).toEqual(ids.map((id) => `${id} report`).sort());
    const starts = simulator.requests
      .filter((request) => request.path.endsWith('/data/call-log'))
      .map((request) => new Date(request.query!.startAt!).getTime());
    expect(starts).toContain(firstHourEnd.getTime());
    expect(starts).not.toContain(gap.from.getTime());
  });

  test('a periodic pass (reconcile.intervalMs) completes a call whose webhooks were lost while the app listened', async ({
    simulator,
    startHost,
  }) => {
    const host = await startHost({ calls: { track: true }, reconcile: { intervalMs: 100, lookbackMs: 60_000 } });
    await host.subscribe();
    simulator.dropDeliveries(1);
    const [callId] = await placeCalls(simulator, 1);

    await expect.poll(() => completions(host), POLL).toEqual([expect.objectContaining({ callId, source: 'report' })]);
    // Later passes find it ended.
    const reads = () => simulator.requests.filter((request) => request.path.endsWith('/data/call-log')).length;
    const seen = reads();
    await expect.poll(reads, POLL).toBeGreaterThan(seen + 1);
    expect(host.count('call.completed')).toBe(1);
  });

  test('refuses a bad window with a CinnoxOptionsError naming it, and works only with calls.track', async ({ startHost }) => {
    const host = await startHost({ calls: { track: true } });
    const reconciler = host.app.get(CinnoxReconciler);
    await expect(reconciler.reconcile({ from: new Date(2000), to: new Date(1000) })).rejects.toBeInstanceOf(CinnoxOptionsError);
    await expect(reconciler.reconcile({ from: new Date(2000), to: new Date(1000) })).rejects.toMatchObject({ option: 'window.to' });
    await expect(reconciler.reconcile({ from: new Date('nope'), to: new Date(1000) })).rejects.toMatchObject({ option: 'window.from' });
    const off = await startHost();
    await expect(off.app.get(CinnoxReconciler).reconcile({ from: new Date(0), to: new Date(1000) })).rejects.toMatchObject({
      option: 'calls.track',
    });
  });
});

const reachable = await redisAvailable('the reconcile-across-replicas tests');

describe.skipIf(!reachable)('reconcile passes across replicas (one Redis call store)', () => {
  const prefix = `cinnox:test:${randomUUID()}:`;
  const clients: Redis[] = [];
  afterAll(async () => {
    await deleteRedisKeys(`${prefix}*`);
    await Promise.all(clients.map((redis) => redis.quit()));
  });
  const store = (): CinnoxCallStore => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    return new CinnoxRedisCallStore(redis, prefix);
  };

  test('two replicas reconciling the same window at once add each call once', async ({ simulator, startHost }) => {
    const a = await startHost({ calls: { track: true, store: store() } });
    const b = await startHost({ calls: { track: true, store: store() } });
    await a.subscribe();
    const span = window();
    simulator.dropDeliveries(1);
    const ids = await placeCalls(simulator, 20);
    const w = span();

    const [one, two] = await Promise.all([a.app.get(CinnoxReconciler).reconcile(w), b.app.get(CinnoxReconciler).reconcile(w)]);

    expect(one.added + two.added).toBe(20);
    expect(
      completions(a, b)
        .map((event) => event.callId)
        .sort(),
    ).toEqual([...ids].sort());
    for (const id of ids) expect(await a.app.get(CinnoxCallTracker).get(id)).toMatchObject({ status: 'ended', source: 'report' });
  });
});
