import { describe, expect, it } from 'vitest';
import type { CinnoxDeliveryLogEntry } from '../../libs/cinnox/src/stores/cinnox-delivery-log-entry.interface.js';
import type { CinnoxDeliveryLogStore } from '../../libs/cinnox/src/stores/cinnox-delivery-log.store.js';
import { CinnoxOptionsError } from '../../libs/cinnox/src/errors/cinnox-options.error.js';
import { CallCompletedEvent } from '../../libs/cinnox/src/hooks/call/call-completed.event.js';

export const logEntry = (id: string, at: number, fields: Partial<CinnoxDeliveryLogEntry> = {}): CinnoxDeliveryLogEntry => ({
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

/**
 * What every CinnoxDeliveryLogStore does, whatever keeps the entries: run against the in-memory and the
 * PostgreSQL stores (on a server and on an embedded PGlite). `open()` gives a store on fresh data.
 */
export function describeDeliveryLogStoreContract(name: string, open: () => CinnoxDeliveryLogStore | Promise<CinnoxDeliveryLogStore>): void {
  describe(`${name}: the delivery log store contract`, () => {
    it('lists by receipt time (then id), within [from, to), by hook and failedOnly', async () => {
      const store = await open();
      await store.write([
        logEntry('c', 30),
        logEntry('a', 10, { outcome: 'failed' }),
        logEntry('b', 20, { hook: 'inquiry', outcome: 'dead-lettered' }),
        logEntry('d', 40, { outcome: 'queued' }),
      ]);
      expect(ids((await store.list({ limit: 10 })).entries)).toEqual(['a', 'b', 'c', 'd']);
      expect(ids((await store.list({ limit: 10, from: new Date(20), to: new Date(40) })).entries)).toEqual(['b', 'c']);
      expect(ids((await store.list({ limit: 10, hook: 'call' })).entries)).toEqual(['a', 'c', 'd']);
      expect(ids((await store.list({ limit: 10, failedOnly: true })).entries)).toEqual(['a', 'b']);
      expect(ids((await store.list({ limit: 10, failedOnly: true, hook: 'call', from: new Date(5) })).entries)).toEqual(['a']);
    });

    it('pages with a cursor, to the end, entries of one millisecond ordered by id', async () => {
      const store = await open();
      await store.write([logEntry('a', 10), logEntry('b', 10), logEntry('c', 20), logEntry('e', 20), logEntry('d', 30)]);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.list({ limit: 2, cursor });
        seen.push(...ids(page.entries));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      expect(seen).toEqual(['a', 'b', 'c', 'e', 'd']);
      expect(pages).toBe(3);
    });

    it('refuses a cursor it did not make with a CinnoxOptionsError', async () => {
      const store = await open();
      await expect(async () => store.list({ limit: 1, cursor: 'nope' })).rejects.toThrow(CinnoxOptionsError);
    });

    it('keeps every field as written, derived events revived as their class with dates', async () => {
      const store = await open();
      const completed = new CallCompletedEvent({
        eventId: 'call:x:completed',
        callId: 'x',
        serviceId: 'svc',
        caller: { number: '+*******4567' },
        callees: [{ eid: 'e1' }],
        startedAt: new Date(1000),
        endedAt: new Date(4000),
        durationMs: 3000,
        source: 'webhook',
      });
      const written = logEntry('x', 4000, {
        body: { callId: 'x', nested: { list: [1, 'two', null] } },
        eventIds: ['call:x:CallEnd', 'call:x:completed'],
        derived: [{ name: 'call.completed', eventId: 'call:x:completed', payload: completed }],
        outcome: 'failed',
        failures: [{ event: 'call.completed', listener: 2, error: 'boom' }],
        duplicate: true,
        updatedAt: new Date(4321),
      });
      await store.write([written]);
      const [read] = (await store.list({ limit: 1 })).entries;
      expect(read).toEqual(written);
      expect(read!.derived[0]!.payload).toBeInstanceOf(CallCompletedEvent);
      expect((read!.derived[0]!.payload as CallCompletedEvent).endedAt).toBeInstanceOf(Date);
    });

    it('upserts by id, never setting a settled entry back to queued, also within one batch', async () => {
      const store = await open();
      await store.write([logEntry('a', 10, { outcome: 'queued' })]);
      await store.write([logEntry('a', 10, { outcome: 'delivered' })]);
      await store.write([logEntry('a', 10, { outcome: 'queued' })]);
      await store.write([
        logEntry('b', 20, { outcome: 'queued' }),
        logEntry('b', 20, { outcome: 'dead-lettered' }),
        logEntry('b', 20, { outcome: 'queued' }),
      ]);
      expect((await store.list({ limit: 10 })).entries.map((one) => one.outcome)).toEqual(['delivered', 'dead-lettered']);
    });

    it('erases a call and deletes what was received before a time, a batch at a time', async () => {
      const store = await open();
      await store.write([logEntry('a', 10), logEntry('a2', 11, { callId: 'a' }), logEntry('b', 20), logEntry('c', 30), logEntry('d', 40)]);
      expect(await store.eraseCall('a')).toBe(2);
      expect(await store.eraseCall('a')).toBe(0);
      expect(await store.deleteBefore(new Date(35), 1)).toBe(1);
      expect(await store.deleteBefore(new Date(35), 5)).toBe(1);
      expect(await store.deleteBefore(new Date(35), 5)).toBe(0);
      expect(ids((await store.list({ limit: 10 })).entries)).toEqual(['d']);
    });
  });
}
