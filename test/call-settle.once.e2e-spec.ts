import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect } from 'vitest';
import { CallSettledEvent, CinnoxCallTracker, type CinnoxReportedCall } from 'nestjs-cinnox';
import { CinnoxRedisCallStore } from 'nestjs-cinnox/redis';
import { callEndNotification, callStartNotification, type CinnoxSimulator } from 'nestjs-cinnox/testing';
import { test, type E2eHost } from './support/e2e.fixture.js';
import { deleteRedisKeys, REDIS_URL, redisAvailable } from './support/redis.js';

const SETTLE = { track: true, settle: { delayMs: 150, attempts: 3 } } as const;
const OUTCOMES = [
  { status: 'Call Ended', byeReason: 'Normal call clearing', releaseParty: 'Caller', mediaType: 'audio' },
  { status: 'Not Answered', byeReason: 'No answer', releaseParty: 'Callee', mediaType: 'video', direction: 'Inbound' },
  { status: 'Busy', byeReason: 'User busy', releaseParty: 'Callee', mediaType: 'audio', inquiryId: 'inq-x', caseNumber: 'C999' },
];

/** What the simulator's call log and call detail hold of `callId`, as the settled record keeps it. */
function simulatorView(simulator: CinnoxSimulator, callId: string): CinnoxReportedCall {
  const log = simulator.callLogRecords().find((record) => record.callID === callId)!;
  const detail = simulator.callDetailRecords().find((record) => record.callID === callId)!;
  return {
    status: log.status as string,
    durationSec: log.callDuration as number,
    direction: detail.callDirection as string,
    byeReason: log.byeReason as string,
    releaseParty: log.releaseParty as string,
    mediaType: log.mediaType as string,
    inquiryId: log.inquiryID as string,
    caseNumber: log.displayCaseNumber as string,
  };
}

const settledEvents = (...hosts: E2eHost[]): CallSettledEvent[] =>
  hosts.flatMap((host) => host.events.filter((event) => event.name === 'call.settled').map((event) => event.payload as CallSettledEvent));
const callLogGets = (simulator: CinnoxSimulator) => simulator.requests.filter((request) => request.path.endsWith('/data/call-log'));

describe('settled calls (calls.settle)', () => {
  test("every completed call gets one call.settled with CINNOX's fields, batched by window", async ({ simulator, startHost }) => {
    const host = await startHost({ calls: SETTLE });
    await host.subscribe();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { callId } = await simulator.placeCall(i % 2 ? {} : { caller: { number: 85291110000 + i } });
      await simulator.endCall(callId, undefined, OUTCOMES[i % OUTCOMES.length]);
      ids.push(callId);
    }

    await expect.poll(() => settledEvents(host).length, { timeout: 5000 }).toBe(12);

    const events = settledEvents(host);
    expect(events.map((event) => event.callId).sort()).toEqual([...ids].sort());
    const tracker = host.app.get(CinnoxCallTracker);
    for (const event of events) {
      expect(event).toBeInstanceOf(CallSettledEvent);
      expect(event).toMatchObject({
        eventId: `call:${event.callId}:settled`,
        reported: true,
        cinnox: simulatorView(simulator, event.callId),
      });
      const completed = host.events.find((e) => e.name === 'call.completed' && e.payload.callId === event.callId)!.payload;
      expect(event).toMatchObject({ startedAt: completed.startedAt, endedAt: completed.endedAt, durationMs: completed.durationMs });
      expect(await tracker.get(event.callId)).toMatchObject({ cinnox: event.cinnox, settledAt: expect.any(Date), source: 'webhook' });
    }
    // One call-log query serves every call falling due together.
    expect(callLogGets(simulator).length).toBeLessThan(12);
    // Nothing settles twice: later reads find every call settled.
    expect(host.count('call.settled')).toBe(12);
  });

  test('a call CINNOX has no record of is settled unreported after its attempts', async ({ simulator, startHost }) => {
    const host = await startHost({ calls: SETTLE });
    await host.subscribe();
    // Delivered by hand: the simulator never placed it, so its reports do not know it.
    await simulator.deliver(callStartNotification({ id: 'ghost-call' }));
    await simulator.deliver(callEndNotification('ghost-call'));

    await expect.poll(() => host.count('call.settled'), { timeout: 5000 }).toBe(1);

    expect(settledEvents(host)[0]).toMatchObject({ callId: 'ghost-call', reported: false, cinnox: null, endedAt: expect.any(Date) });
    expect(callLogGets(simulator)).toHaveLength(3);
    expect(await host.app.get(CinnoxCallTracker).get('ghost-call')).toMatchObject({ cinnox: null, settledAt: expect.any(Date) });
  });

  test('a read that fails counts as one that found nothing: the call is read again', async ({ simulator, startHost }) => {
    const host = await startHost({ calls: SETTLE, retry: { retries: 0 } });
    await host.subscribe();
    const { callId } = await simulator.placeCall();
    await simulator.endCall(callId);
    simulator.failNext({ status: 503 });

    await expect.poll(() => host.count('call.settled'), { timeout: 5000 }).toBe(1);

    expect(settledEvents(host)[0]).toMatchObject({ callId, reported: true, cinnox: simulatorView(simulator, callId) });
    expect(callLogGets(simulator).map((request) => request.status)).toEqual([503, 200]);
  });

  test('settling is off by default: no report is read', async ({ simulator, startHost }) => {
    const host = await startHost({ calls: { track: true } });
    await host.subscribe();
    const { callId } = await simulator.placeCall();
    await simulator.endCall(callId);

    await expect.poll(() => host.count('call.completed')).toBe(1);
    expect(callLogGets(simulator)).toEqual([]);
    expect(await host.app.get(CinnoxCallTracker).get(callId)).toMatchObject({ cinnox: null, settledAt: null });
  });
});

const reachable = await redisAvailable('the settle-across-replicas test');

describe.skipIf(!reachable)('settled calls across replicas (one Redis call store)', () => {
  const prefix = `cinnox:test:${randomUUID()}:`;
  const clients: Redis[] = [];
  afterAll(async () => {
    await deleteRedisKeys(`${prefix}*`);
    await Promise.all(clients.map((redis) => redis.quit()));
  });
  const store = () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    return new CinnoxRedisCallStore(redis, prefix);
  };

  test('two replicas that both saw the end emit call.settled once per call', async ({ simulator, startHost }) => {
    const a = await startHost({ calls: { ...SETTLE, store: store() } });
    const b = await startHost({ calls: { ...SETTLE, store: store() } });
    await a.subscribe();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { callId } = await simulator.placeCall();
      await simulator.endCall(callId, undefined, OUTCOMES[i % OUTCOMES.length]);
      // CINNOX delivering the end again, to the other replica (each has its own dedupe memory).
      expect((await b.post(callEndNotification(callId))).status).toBe(200);
      ids.push(callId);
    }

    await expect.poll(() => settledEvents(a, b).length, { timeout: 5000 }).toBe(8);

    expect(a.count('call.completed') + b.count('call.completed')).toBe(8);
    expect(b.count('call.end')).toBe(8);
    expect(
      settledEvents(a, b)
        .map((event) => event.callId)
        .sort(),
    ).toEqual([...ids].sort());
    for (const event of settledEvents(a, b)) expect(event.cinnox).toEqual(simulatorView(simulator, event.callId));
    // Both replicas read the reports for these calls; the store let one of them settle each.
    await expect.poll(() => callLogGets(simulator).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(settledEvents(a, b)).toHaveLength(8);
  });
});
