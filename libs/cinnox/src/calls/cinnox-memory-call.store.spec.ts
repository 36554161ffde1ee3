import { describe, expect, it } from 'vitest';
import { describeCallStoreContract, describeTrackerClockExpiry } from '../../../../test/support/call-store.contract.js';
import type { CinnoxCallStoreTimes } from '../stores/cinnox-call-record.interface.js';
import { CinnoxMemoryCallStore } from './cinnox-memory-call.store.js';

const at = (now: number, retentionMs = 10_000, activeTtlMs = 20_000): CinnoxCallStoreTimes => ({ now, retentionMs, activeTtlMs });
const start = (id: string, startedAt: number) => ({ id, serviceId: 'svc', caller: { number: '+1' }, callees: [{ eid: 'e' }], startedAt });
const end = (id: string, endedAt: number, deliveryId?: string) => ({ id, serviceId: 'svc', endedAt, deliveryId });

// Replicas of one test share the one instance: one process's memory.
const memoryStores = new Map<string, CinnoxMemoryCallStore>();
describeCallStoreContract('CinnoxMemoryCallStore', (shared) => {
  if (shared === undefined) return new CinnoxMemoryCallStore();
  const store = memoryStores.get(shared) ?? new CinnoxMemoryCallStore();
  memoryStores.set(shared, store);
  return store;
});
describeTrackerClockExpiry('CinnoxMemoryCallStore', () => new CinnoxMemoryCallStore());

describe('CinnoxMemoryCallStore', () => {
  it('pairs a start then an end into one ended record with its duration, completing it once', () => {
    const store = new CinnoxMemoryCallStore();
    expect(store.start(start('a', 1000), at(1000)).change).toBe('started');
    expect(store.countActive()).toBe(1);

    const first = store.end(end('a', 4000), at(4000));
    expect(first.completion).toBe('first');
    expect(first.record).toEqual({
      id: 'a',
      serviceId: 'svc',
      caller: { number: '+1' },
      callees: [{ eid: 'e' }],
      startedAt: new Date(1000),
      endedAt: new Date(4000),
      durationMs: 3000,
      status: 'ended',
      recordingStatus: null,
      source: 'webhook',
      cinnox: null,
      settledAt: null,
    });
    expect(store.end(end('a', 4100), at(4100)).completion).toBeNull();
    expect(store.get('a')?.endedAt).toEqual(new Date(4000));
    expect(store.countActive()).toBe(0);
  });

  it('completes an end that comes first without a duration, and a later start only fills in who and when', () => {
    const store = new CinnoxMemoryCallStore();
    expect(store.end(end('b', 2000), at(2000))).toMatchObject({
      completion: 'first',
      record: { status: 'ended', caller: null, durationMs: null },
    });

    expect(store.start(start('b', 2500), at(2500)).change).toBe('filled');
    expect(store.get('b')).toMatchObject({ status: 'ended', caller: { number: '+1' }, startedAt: new Date(2500), durationMs: null });
    expect(store.start(start('b', 2600), at(2600)).change).toBe('duplicate');
    expect(store.countActive()).toBe(0);
  });

  it('ignores a redelivered start, keeping the first receipt time', () => {
    const store = new CinnoxMemoryCallStore();
    store.start(start('c', 1000), at(1000));
    expect(store.start(start('c', 1500), at(1500)).change).toBe('duplicate');
    expect(store.get('c')?.startedAt).toEqual(new Date(1000));
  });

  it('lets the same queue delivery complete a call again until it confirms, and never another delivery', () => {
    const store = new CinnoxMemoryCallStore();
    store.start(start('d', 0), at(0));
    expect(store.end(end('d', 10, 'job-1'), at(10)).completion).toBe('first');
    expect(store.end(end('d', 20, 'job-2'), at(20)).completion).toBeNull();
    expect(store.end(end('d', 30), at(30)).completion).toBeNull();
    expect(store.end(end('d', 40, 'job-1'), at(40)).completion).toBe('repeat');

    store.confirm('d', 'job-1');
    expect(store.end(end('d', 50, 'job-1'), at(50)).completion).toBeNull();
  });

  it('claims each stale call once, and a late end still completes it with its duration', () => {
    const store = new CinnoxMemoryCallStore();
    store.start(start('old', 100), at(100));
    store.start(start('new', 900), at(900));

    expect(store.claimStale(500, 10, at(1000)).map((record) => [record.id, record.status])).toEqual([['old', 'stale']]);
    expect(store.claimStale(500, 10, at(1001))).toEqual([]);
    expect(store.countActive()).toBe(1);
    expect(store.list({ status: 'stale', limit: 10 }).records.map((record) => record.id)).toEqual(['old']);

    expect(store.end(end('old', 5000), at(5000))).toMatchObject({ completion: 'first', record: { status: 'ended', durationMs: 4900 } });
    expect(store.claimStale(10_000, 1, at(10_000)).map((record) => record.id)).toEqual(['new']);
  });

  it('lists the most recently first seen first, by status, up to the limit', () => {
    const store = new CinnoxMemoryCallStore();
    store.start(start('a', 1), at(1));
    store.start(start('b', 2), at(2));
    store.start(start('c', 3), at(3));
    store.end(end('a', 4), at(4));

    expect(store.list({ limit: 10 }).records.map((record) => record.id)).toEqual(['c', 'b', 'a']);
    expect(store.list({ limit: 2 }).records.map((record) => record.id)).toEqual(['c', 'b']);
    expect(store.list({ status: 'active', limit: 10 }).records.map((record) => record.id)).toEqual(['c', 'b']);
    expect(store.list({ status: 'ended', limit: 10 }).records.map((record) => record.id)).toEqual(['a']);
  });

  it('forgets ended and stale calls after the retention, active ones only after their longer TTL', () => {
    const store = new CinnoxMemoryCallStore();
    store.start(start('active', 0), at(0));
    store.end(end('ended', 0), at(0));
    store.end(end('ended-later', 5000), at(5000));

    store.start(start('x', 10_000), at(10_000)); // retention 10 s: 'ended' goes
    expect(store.get('ended')).toBeUndefined();
    expect(store.get('active')?.status).toBe('active');
    expect(store.get('ended-later')).toBeDefined();

    store.start(start('y', 20_000), at(20_000)); // active TTL 20 s: 'active' goes too
    expect(store.get('active')).toBeUndefined();
    expect(store.countActive()).toBe(2);
  });

  it('never holds more than maxRecords, dropping the first seen first, in batches', () => {
    const store = new CinnoxMemoryCallStore(1000);
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      store.start(start(`call-${i}`, i), at(0, 1e9, 1e9));
      if (i % 2 === 0) store.end(end(`call-${i}`, i), at(0, 1e9, 1e9));
      largest = Math.max(largest, store.size);
    }
    expect(largest).toBe(1010); // the cap plus 1% waiting for the next batch
    expect(store.countActive()).toBeLessThanOrEqual(505);
    expect(store.get('call-98000')).toBeUndefined();
    expect(store.get('call-99999')?.status).toBe('active');
    expect(store.get('call-99998')?.status).toBe('ended');
  });

  it('keeps a recording outcome that arrives before, during or after the call, without completing it again', () => {
    const store = new CinnoxMemoryCallStore();
    // Before anything: a hidden placeholder, taken over by the start.
    expect(store.recording('early', 'fail', at(1000))).toBeUndefined();
    expect(store.get('early')).toBeUndefined();
    expect(store.start(start('early', 1100), at(1100)).record.recordingStatus).toBe('fail');
    expect(store.end(end('early', 2000), at(2000))).toMatchObject({ completion: 'first', record: { recordingStatus: 'fail' } });

    // Before the end only: the end takes it over.
    store.recording('end-first', 'success', at(3000));
    expect(store.end(end('end-first', 3100), at(3100)).record).toMatchObject({ status: 'ended', recordingStatus: 'success' });

    // After the completion: the record is updated, the completion is not repeated.
    store.start(start('late', 4000), at(4000));
    store.end(end('late', 5000), at(5000));
    expect(store.recording('late', 'success', at(6000))).toMatchObject({ status: 'ended', recordingStatus: 'success' });
    expect(store.end(end('late', 5000), at(6100)).completion).toBeNull();
    expect(store.get('late')?.recordingStatus).toBe('success');
  });

  it('forgets a placeholder recording after the retention when its call never comes', () => {
    const store = new CinnoxMemoryCallStore();
    store.recording('lost', 'success', at(1000));
    expect(store.start(start('lost', 20_000), at(20_000)).record.recordingStatus).toBeNull();
  });
});
