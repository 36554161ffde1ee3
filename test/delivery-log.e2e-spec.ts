import { Injectable } from '@nestjs/common';
import { describe, expect } from 'vitest';
import {
  CinnoxDeliveryLog,
  CinnoxDeliveryLogStore,
  CinnoxMemoryDeliveryLogStore,
  CinnoxMetrics,
  CinnoxReplay,
  OnCallCompleted,
  OnCallStart,
  type CallCompletedEvent,
  type CallStartEvent,
  type CinnoxDeliveryLogEntry,
  type CinnoxDeliveryLogPage,
} from 'nestjs-cinnox';
import { callEndNotification, callStartNotification, challengeRequest } from 'nestjs-cinnox/testing';
import { test, type E2eHost } from './support/e2e.fixture.js';

const POLL = { timeout: 5000 };

/** A call-start and a call-completed listener that fail for calls whose id starts with `fail-`, until fixed. */
@Injectable()
class FlakyListeners {
  broken = true;
  readonly starts: CallStartEvent[] = [];
  readonly completed: CallCompletedEvent[] = [];

  @OnCallStart()
  onStart(event: CallStartEvent): void {
    this.starts.push(event);
    if (this.broken && event.callId.startsWith('fail-')) throw new Error(`start listener broken for ${event.callId}`);
  }

  @OnCallCompleted()
  async onCompleted(event: CallCompletedEvent): Promise<void> {
    this.completed.push(event);
    await Promise.resolve();
    if (this.broken && event.callId.startsWith('fail-')) throw new Error(`completed listener broken for ${event.callId}`);
  }
}

/** A store that refuses every call until `up`; then a memory store. */
class FlakyStore extends CinnoxDeliveryLogStore {
  up = false;
  private readonly memory = new CinnoxMemoryDeliveryLogStore();
  write(entries: readonly CinnoxDeliveryLogEntry[]): Promise<void> {
    return this.up ? Promise.resolve(this.memory.write(entries)) : Promise.reject(new Error('store down'));
  }
  list(query: Parameters<CinnoxDeliveryLogStore['list']>[0]): CinnoxDeliveryLogPage {
    return this.memory.list(query);
  }
  eraseCall(callId: string): number {
    return this.memory.eraseCall(callId);
  }
  deleteBefore(before: Date, batchSize: number): number {
    return this.memory.deleteBefore(before, batchSize);
  }
}

const all = async (host: E2eHost, query: Parameters<CinnoxDeliveryLog['list']>[0] = {}) =>
  (await host.app.get(CinnoxDeliveryLog).list({ limit: 1000, ...query })).entries;

const metric = async (host: E2eHost, name: string): Promise<string> => host.app.get(CinnoxMetrics).registry.getSingleMetricAsString(name);

describe('the delivery log and replay (inline mode)', () => {
  test('logs the deliveries a listener failed on, with the listener; after the fix a failedOnly replay reaches it and nothing else', async ({
    startHost,
  }) => {
    const host = await startHost({ calls: { track: true }, deliveryLog: { flushIntervalMs: 20 } }, { providers: [FlakyListeners] });
    const listeners = host.app.get(FlakyListeners);
    const failing = ['fail-1', 'fail-2', 'fail-3'];
    for (const id of [...failing, 'ok-1']) expect((await host.post(callStartNotification({ id }))).status).toBe(200);
    // fail-1's end completes it; its call.completed listener fails. ok-1 completes cleanly.
    for (const id of ['fail-1', 'ok-1']) expect((await host.post(callEndNotification(id))).status).toBe(200);

    await expect.poll(async () => (await all(host)).length, POLL).toBe(6);
    const failed = await all(host, { failedOnly: true });
    expect(failed.map((entry) => [entry.eventIds, entry.outcome, entry.failures])).toEqual([
      ...failing.map((id) => [
        [`call:${id}:CallStart`],
        'failed',
        [{ event: 'call.start', listener: 1, error: `start listener broken for ${id}` }],
      ]),
      [
        ['call:fail-1:CallEnd', 'call:fail-1:completed'],
        'failed',
        [{ event: 'call.completed', listener: 1, error: 'completed listener broken for fail-1' }],
      ],
    ]);
    const delivered = (await all(host)).filter((entry) => entry.outcome === 'delivered');
    expect(delivered.map((entry) => entry.callId)).toEqual(['ok-1', 'ok-1']);
    expect(delivered[0]).toMatchObject({ hook: 'call', duplicate: false, body: callStartNotification({ id: 'ok-1' }), failures: [] });
    expect(await metric(host, 'cinnox_calls_completed_total')).toContain('cinnox_calls_completed_total 2');

    // The fix is deployed.
    listeners.broken = false;
    const emittedBefore = host.events.length;
    expect(await host.app.get(CinnoxReplay).replay({ failedOnly: true })).toBe(4);

    const replayed = host.events.slice(emittedBefore);
    expect(replayed.map((event) => [event.name, event.payload.eventId, event.payload.replayed])).toEqual([
      ...failing.map((id) => ['call.start', `call:${id}:CallStart`, true]),
      ['call.end', 'call:fail-1:CallEnd', true],
      ['call.completed', 'call:fail-1:completed', true],
    ]);
    // The listener that failed heard each failed delivery once more; no call completed twice.
    expect(listeners.starts.filter((event) => event.replayed).map((event) => event.callId)).toEqual(failing);
    expect(listeners.completed.map((event) => [event.callId, event.replayed ?? false])).toEqual([
      ['fail-1', false],
      ['ok-1', false],
      ['fail-1', true],
    ]);
    expect(await metric(host, 'cinnox_calls_completed_total')).toContain('cinnox_calls_completed_total 2');
    // The replayed deliveries are delivered now; a second failedOnly replay finds nothing.
    await expect.poll(async () => (await all(host, { failedOnly: true })).length, POLL).toBe(0);
    expect((await all(host)).map((entry) => entry.outcome)).toEqual(Array(6).fill('delivered'));
    expect(await host.app.get(CinnoxReplay).replay({ failedOnly: true })).toBe(0);
  });

  test('logs duplicates as such, and neither handshakes nor refused requests', async ({ startHost }) => {
    const host = await startHost({ deliveryLog: { flushIntervalMs: 20 } });
    expect((await host.post(challengeRequest())).status).toBe(200);
    expect((await host.post({ message: { id: 'x' } })).status).toBe(400);
    expect((await host.post(callStartNotification({ id: 'twice' }))).status).toBe(200);
    expect((await host.post(callStartNotification({ id: 'twice' }))).status).toBe(200);
    await expect
      .poll(async () => (await all(host)).map((entry) => [entry.callId, entry.duplicate, entry.outcome]), POLL)
      .toEqual([
        ['twice', false, 'delivered'],
        ['twice', true, 'delivered'],
      ]);
    // A duplicate emitted nothing the first time: a replay leaves it out.
    expect(await host.app.get(CinnoxReplay).replay()).toBe(1);
  });

  test('a store that refuses writes changes no answer: entries wait, overflow is dropped and counted, the rest is written once it recovers', async ({
    startHost,
  }) => {
    const store = new FlakyStore();
    const logged = await startHost({ deliveryLog: { store, bufferSize: 3, batchSize: 1, flushIntervalMs: 10 } });
    const plain = await startHost();
    for (let index = 0; index < 5; index++) {
      const body = callStartNotification({ id: `down-${index}` });
      const [withLog, without] = [await logged.post(body), await plain.post(body)];
      expect(withLog).toEqual(without);
      expect(withLog.status).toBe(200);
    }
    await expect.poll(() => metric(logged, 'cinnox_delivery_log_dropped_total'), POLL).toContain('cinnox_delivery_log_dropped_total 2');
    expect(await metric(logged, 'cinnox_delivery_log_write_failures_total')).toMatch(/cinnox_delivery_log_write_failures_total [1-9]/);
    expect(logged.app.get(CinnoxDeliveryLog).buffered).toBe(3);
    store.up = true;
    await expect.poll(async () => (await all(logged)).map((entry) => entry.callId), POLL).toEqual(['down-0', 'down-1', 'down-2']);
    expect(logged.app.get(CinnoxDeliveryLog).failing).toBe(false);
  });

  test('maskPhoneNumbers keeps masked numbers in the log (derived events too) while listeners get them whole', async ({ startHost }) => {
    const host = await startHost(
      { calls: { track: true }, deliveryLog: { maskPhoneNumbers: true, flushIntervalMs: 20 } },
      { providers: [FlakyListeners] },
    );
    const start = callStartNotification({
      id: 'masked',
      caller: { eid: 'staff-1', number: '+85291234567' },
      callees: [{ number: 85230001000 }],
    });
    expect((await host.post(start)).status).toBe(200);
    expect((await host.post(callEndNotification('masked'))).status).toBe(200);
    await expect.poll(async () => (await all(host)).length, POLL).toBe(2);
    const [started, ended] = await all(host);
    expect(started!.body).toEqual({
      message: { ...start.message, caller: { eid: 'staff-1', number: '+*******4567' }, callees: [{ number: '*******1000' }] },
    });
    expect(ended!.derived).toHaveLength(1);
    expect(ended!.derived[0]!.payload).toMatchObject({
      callId: 'masked',
      caller: { eid: 'staff-1', number: '+*******4567' },
      callees: [{ number: '*******1000' }],
    });
    expect(host.app.get(FlakyListeners).starts[0]!.caller).toEqual({ eid: 'staff-1', number: '+85291234567' });
    expect(JSON.stringify(await all(host))).not.toMatch(/91234567|85230001000/);
    // What is not kept cannot be replayed: a replay emits the masked numbers.
    expect(await host.app.get(CinnoxReplay).replay()).toBe(2);
    const replayed = host.events.filter((event) => event.payload?.replayed);
    expect(replayed.map((event) => [event.name, event.payload.caller?.number])).toEqual([
      ['call.start', '+*******4567'],
      ['call.end', undefined],
      ['call.completed', '+*******4567'],
    ]);
  });

  test("eraseCall() erases a call's entries, waiting or stored, and no other", async ({ startHost }) => {
    const host = await startHost({ deliveryLog: { flushIntervalMs: 60_000 } });
    const log = host.app.get(CinnoxDeliveryLog);
    for (const body of [callStartNotification({ id: 'erase-me' }), callStartNotification({ id: 'keep-me' })]) {
      expect((await host.post(body)).status).toBe(200);
    }
    await expect.poll(async () => (await all(host)).length, POLL).toBe(2); // list() writes what waits first
    expect((await host.post(callEndNotification('erase-me'))).status).toBe(200);
    await expect.poll(() => log.buffered, POLL).toBe(1); // the end waits in the buffer
    expect(await log.eraseCall('erase-me')).toBe(2);
    expect((await all(host)).map((entry) => entry.callId)).toEqual(['keep-me']);
  });

  test('deletes entries past retentionMs on its own', async ({ startHost }) => {
    const host = await startHost({ deliveryLog: { retentionMs: 300, flushIntervalMs: 10 } });
    expect((await host.post(callStartNotification({ id: 'old' }))).status).toBe(200);
    await expect.poll(async () => (await all(host)).length, POLL).toBe(1);
    await expect.poll(async () => (await all(host)).length, POLL).toBe(0);
  });

  test('is off without the option: nothing is recorded and the log says how to turn it on', async ({ startHost }) => {
    const host = await startHost();
    expect((await host.post(callStartNotification())).status).toBe(200);
    expect(host.app.get(CinnoxDeliveryLog).enabled).toBe(false);
    await expect(host.app.get(CinnoxDeliveryLog).list()).rejects.toThrow(/set the "deliveryLog" option/);
  });

  test('a graceful stop writes the entries still waiting', async ({ startHost }) => {
    const store = new CinnoxMemoryDeliveryLogStore();
    const host = await startHost({ deliveryLog: { store, flushIntervalMs: 60_000 } });
    for (const id of ['a', 'b']) expect((await host.post(callStartNotification({ id }))).status).toBe(200);
    expect(store.size).toBe(0);
    await host.close();
    expect(store.list({ limit: 10 }).entries.map((entry) => entry.callId)).toEqual(['a', 'b']);
  });
});
