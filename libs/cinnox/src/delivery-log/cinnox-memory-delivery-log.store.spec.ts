import { describe, expect, it } from 'vitest';
import { describeDeliveryLogStoreContract } from '../../../../test/support/delivery-log-store.contract.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import type { CinnoxDeliveryLogEntry } from '../stores/cinnox-delivery-log-entry.interface.js';
import { CinnoxMemoryDeliveryLogStore } from './cinnox-memory-delivery-log.store.js';

const entry = (id: string, at: number, fields: Partial<CinnoxDeliveryLogEntry> = {}): CinnoxDeliveryLogEntry => ({
  id,
  hook: 'call',
  receivedAt: new Date(at),
  body: {},
  eventIds: [`call:${id}:CallStart`],
  derived: [],
  callId: id,
  duplicate: false,
  outcome: 'delivered',
  failures: [],
  updatedAt: new Date(at),
  ...fields,
});

const ids = (entries: readonly CinnoxDeliveryLogEntry[]) => entries.map((one) => one.id);

describeDeliveryLogStoreContract('CinnoxMemoryDeliveryLogStore', () => new CinnoxMemoryDeliveryLogStore());

describe('CinnoxMemoryDeliveryLogStore', () => {
  it('lists by receipt time (then id), within [from, to), by hook and failedOnly', () => {
    const store = new CinnoxMemoryDeliveryLogStore();
    store.write([
      entry('c', 30),
      entry('a', 10, { outcome: 'failed' }),
      entry('b', 20, { hook: 'inquiry', outcome: 'dead-lettered' }),
      entry('d', 40, { outcome: 'queued' }),
    ]);
    expect(ids(store.list({ limit: 10 }).entries)).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(store.list({ limit: 10, from: new Date(20), to: new Date(40) }).entries)).toEqual(['b', 'c']);
    expect(ids(store.list({ limit: 10, hook: 'call' }).entries)).toEqual(['a', 'c', 'd']);
    expect(ids(store.list({ limit: 10, failedOnly: true }).entries)).toEqual(['a', 'b']);
  });

  it('pages with a cursor, to the end', () => {
    const store = new CinnoxMemoryDeliveryLogStore();
    store.write([entry('a', 10), entry('b', 10), entry('c', 20)]);
    const first = store.list({ limit: 2 });
    expect(ids(first.entries)).toEqual(['a', 'b']);
    const second = store.list({ limit: 2, cursor: first.nextCursor });
    expect(ids(second.entries)).toEqual(['c']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses a cursor it did not make with a CinnoxOptionsError', () => {
    expect(() => new CinnoxMemoryDeliveryLogStore().list({ limit: 1, cursor: 'nope' })).toThrow(CinnoxOptionsError);
  });

  it('upserts by id, never setting a settled entry back to queued', () => {
    const store = new CinnoxMemoryDeliveryLogStore();
    store.write([entry('a', 10, { outcome: 'queued' })]);
    store.write([entry('a', 10, { outcome: 'delivered' })]);
    store.write([entry('a', 10, { outcome: 'queued' })]);
    expect(store.list({ limit: 10 }).entries.map((one) => one.outcome)).toEqual(['delivered']);
    expect(store.size).toBe(1);
  });

  it('keeps at most maxEntries, the first written going first', () => {
    const store = new CinnoxMemoryDeliveryLogStore(2);
    store.write([entry('a', 10), entry('b', 20)]);
    store.write([entry('c', 30)]);
    expect(ids(store.list({ limit: 10 }).entries)).toEqual(['b', 'c']);
  });

  it('erases a call and deletes what was received before a time, a batch at a time', () => {
    const store = new CinnoxMemoryDeliveryLogStore();
    store.write([entry('a', 10), entry('a2', 11, { callId: 'a' }), entry('b', 20), entry('c', 30), entry('d', 40)]);
    expect(store.eraseCall('a')).toBe(2);
    expect(store.deleteBefore(new Date(35), 1)).toBe(1);
    expect(store.deleteBefore(new Date(35), 5)).toBe(1);
    expect(store.deleteBefore(new Date(35), 5)).toBe(0);
    expect(ids(store.list({ limit: 10 }).entries)).toEqual(['d']);
  });
});
