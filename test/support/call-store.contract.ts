import { describe, expect, it } from 'vitest';
import type { CinnoxCallStoreTimes } from '../../libs/cinnox/src/stores/cinnox-call-record.interface.js';
import type { CinnoxCallStore } from '../../libs/cinnox/src/stores/cinnox-call.store.js';
import { CinnoxOptionsError } from '../../libs/cinnox/src/errors/cinnox-options.error.js';

/**
 * Opens stores for one test: `open()` gives a store on fresh data; `open(shared)` with the same `shared`
 * gives another handle (a replica) on the same data.
 */
export type CallStoreOpener = (shared?: string) => CinnoxCallStore | Promise<CinnoxCallStore>;

const at = (now: number, retentionMs = 60_000, activeTtlMs = 120_000): CinnoxCallStoreTimes => ({ now, retentionMs, activeTtlMs });
const start = (id: string, startedAt: number) => ({ id, serviceId: 'svc', caller: { number: '+1' }, callees: [{ eid: 'e' }], startedAt });
const end = (id: string, endedAt: number, deliveryId?: string) => ({ id, serviceId: 'svc', endedAt, deliveryId });
const CINNOX = {
  status: 'Call Ended',
  durationSec: 5,
  direction: null,
  byeReason: 'Normal call clearing',
  releaseParty: 'Caller',
  mediaType: 'audio',
  inquiryId: null,
  caseNumber: null,
};
const reported = (id: string, startedAt: number, endedAt: number) => ({ ...start(id, startedAt), endedAt, cinnox: CINNOX });
const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);

/**
 * What every CinnoxCallStore does, whatever keeps the records: run against the in-memory, Redis and
 * PostgreSQL stores, so they keep one contract.
 */
export function describeCallStoreContract(name: string, open: CallStoreOpener): void {
  describe(`${name}: the call store contract`, () => {
    it('pairs a start then an end once, with its duration', async () => {
      const calls = await open();
      expect((await calls.start(start('a', 1000), at(1000))).change).toBe('started');
      expect(await calls.countActive()).toBe(1);
      const first = await calls.end(end('a', 4000), at(4000));
      expect(first).toEqual({
        completion: 'first',
        record: {
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
        },
      });
      expect((await calls.end(end('a', 5000), at(5000))).completion).toBeNull();
      expect(await calls.get('a')).toEqual(first.record);
      expect(await calls.countActive()).toBe(0);
    });

    it('completes an end that comes first without a duration; a later start only fills in the record', async () => {
      const calls = await open();
      expect(await calls.end(end('b', 2000), at(2000))).toMatchObject({
        completion: 'first',
        record: { status: 'ended', caller: null, callees: [], durationMs: null },
      });
      expect((await calls.start(start('b', 2500), at(2500))).change).toBe('filled');
      expect((await calls.start(start('b', 2600), at(2600))).change).toBe('duplicate');
      expect(await calls.get('b')).toMatchObject({
        status: 'ended',
        caller: { number: '+1' },
        startedAt: new Date(2500),
        durationMs: null,
      });
      expect(await calls.get('nope')).toBeUndefined();
      expect(await calls.countActive()).toBe(0);
    });

    it('ignores a redelivered start, keeping the first receipt time', async () => {
      const calls = await open();
      await calls.start(start('c', 1000), at(1000));
      expect((await calls.start(start('c', 1500), at(1500))).change).toBe('duplicate');
      expect((await calls.get('c'))?.startedAt).toEqual(new Date(1000));
    });

    it('lets only the same unconfirmed queue delivery complete a call again', async () => {
      const calls = await open();
      await calls.start(start('d', 0), at(0));
      expect((await calls.end(end('d', 10, 'job-1'), at(10))).completion).toBe('first');
      expect((await calls.end(end('d', 20, 'job-2'), at(20))).completion).toBeNull();
      expect((await calls.end(end('d', 25), at(25))).completion).toBeNull();
      expect((await calls.end(end('d', 30, 'job-1'), at(30))).completion).toBe('repeat');
      await calls.confirm('d', 'job-1');
      expect((await calls.end(end('d', 40, 'job-1'), at(40))).completion).toBeNull();
    });

    it('completes each call exactly once when replicas race with its halves and redeliveries', async () => {
      const shared = `race-${Math.random()}`;
      const replicas = [await open(shared), await open(shared), await open(shared)];
      const callIds = Array.from({ length: 100 }, (_, i) => `race-${i}`);
      const outcomes = await Promise.all(
        callIds.flatMap((id, i) =>
          // Promise.resolve: the in-memory store answers synchronously, the others with promises.
          replicas.flatMap((replica, r) => [
            Promise.resolve(replica.start(start(id, i), at(i + r))),
            Promise.resolve(replica.end(end(id, i + 100), at(i + 100 + r))),
          ]),
        ),
      );
      const firsts = outcomes.filter((outcome) => 'completion' in outcome && outcome.completion === 'first');
      expect(ids(firsts.map((outcome) => outcome.record)).sort()).toEqual([...callIds].sort());
      expect(await replicas[0]!.countActive()).toBe(0);
      expect(ids((await replicas[1]!.list({ status: 'ended', limit: 1000 })).records).sort()).toEqual([...callIds].sort());
    });

    it('settles an ended call once, keeping what CINNOX reports; not an active, unknown or settled one', async () => {
      const calls = await open();
      const reported = {
        status: 'Call Ended',
        durationSec: 3,
        direction: 'Inbound',
        byeReason: 'Normal call clearing',
        releaseParty: 'Caller',
        mediaType: 'audio',
        inquiryId: 'inq-1',
        caseNumber: 'C000001',
      };
      await calls.start(start('s1', 1000), at(1000));
      expect(await calls.settle('s1', reported, at(1500))).toBeUndefined();
      expect(await calls.settle('nobody', reported, at(1500))).toBeUndefined();
      await calls.end(end('s1', 4000), at(4000));
      expect(await calls.settle('s1', reported, at(5000))).toMatchObject({
        id: 's1',
        status: 'ended',
        cinnox: reported,
        settledAt: new Date(5000),
      });
      expect(await calls.settle('s1', null, at(6000))).toBeUndefined();
      expect(await calls.get('s1')).toMatchObject({ cinnox: reported, settledAt: new Date(5000), source: 'webhook', durationMs: 3000 });
      await calls.end(end('s2', 4000), at(4000));
      expect(await calls.settle('s2', null, at(7000))).toMatchObject({ id: 's2', cinnox: null, settledAt: new Date(7000) });
    });

    it('settles each call for one replica only when replicas race', async () => {
      const shared = `settle-${Math.random()}`;
      const replicas = [await open(shared), await open(shared), await open(shared)];
      const callIds = Array.from({ length: 30 }, (_, i) => `settle-race-${i}`);
      for (const [i, id] of callIds.entries()) await replicas[0]!.end(end(id, i), at(i));
      const outcomes = await Promise.all(
        callIds.flatMap((id) => replicas.map((replica, r) => Promise.resolve(replica.settle(id, null, at(1000 + r))))),
      );
      expect(ids(outcomes.filter((record) => record !== undefined)).sort()).toEqual([...callIds].sort());
    });

    it('claims each stale call for one replica only; a late end still completes it', async () => {
      const shared = `stale-${Math.random()}`;
      const [a, b] = [await open(shared), await open(shared)];
      for (let i = 0; i < 50; i++) await a.start(start(`s-${i}`, i), at(i));
      await a.start(start('fresh', 10_000), at(10_000));
      const [mine, theirs] = await Promise.all([a.claimStale(5000, 30, at(10_001)), b.claimStale(5000, 30, at(10_001))]);
      const rest = await a.claimStale(5000, 30, at(10_002));
      const claimed = ids([...mine, ...theirs, ...rest]);
      expect(claimed).toHaveLength(50);
      expect(new Set(claimed).size).toBe(50);
      expect([...mine, ...theirs].every((record) => record.status === 'stale')).toBe(true);
      expect(await b.countActive()).toBe(1);
      expect(await b.claimStale(5000, 30, at(10_003))).toEqual([]);
      expect(ids((await b.list({ status: 'stale', limit: 100 })).records)).toHaveLength(50);
      expect(await b.end(end('s-7', 20_007), at(20_007))).toMatchObject({
        completion: 'first',
        record: { status: 'ended', durationMs: 20_000 },
      });
    });

    it('lists the most recently first seen first, by status, up to the limit', async () => {
      const calls = await open();
      await calls.start(start('a', 1), at(1));
      await calls.start(start('b', 2), at(2));
      await calls.start(start('c', 3), at(3));
      await calls.end(end('a', 4), at(4));
      expect(ids((await calls.list({ limit: 10 })).records)).toEqual(['c', 'b', 'a']);
      expect(ids((await calls.list({ limit: 2 })).records)).toEqual(['c', 'b']);
      expect(ids((await calls.list({ status: 'active', limit: 10 })).records)).toEqual(['c', 'b']);
      expect(ids((await calls.list({ status: 'ended', limit: 10 })).records)).toEqual(['a']);
    });

    it('lists by time range, status and party, a page at a time with a cursor, to the end', async () => {
      const calls = await open();
      const party = (i: number) => ({
        id: `p-${i}`,
        serviceId: 'svc',
        caller: { number: `+${i % 3}` },
        callees: [{ eid: `e-${i % 2}` }],
        startedAt: i * 10,
      });
      for (let i = 0; i < 12; i++) await calls.start(party(i), at(i * 10));
      await calls.end(end('p-4', 200), at(200));
      await calls.end(end('only-end', 55), at(300)); // no start: its time is its end's, 55

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await calls.list({ limit: 5, cursor });
        seen.push(...ids(page.records));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      expect(seen).toEqual(['only-end', ...Array.from({ length: 12 }, (_, i) => `p-${11 - i}`)]);
      expect(pages).toBe(3);

      // [30, 80): p-3 .. p-7 and only-end (55); status, party (caller number or callee eid) narrow further.
      expect(ids((await calls.list({ limit: 10, from: new Date(30), to: new Date(80) })).records)).toEqual([
        'only-end',
        'p-7',
        'p-6',
        'p-5',
        'p-4',
        'p-3',
      ]);
      expect(ids((await calls.list({ limit: 10, from: new Date(30), to: new Date(80), status: 'ended' })).records)).toEqual([
        'only-end',
        'p-4',
      ]);
      expect(ids((await calls.list({ limit: 10, party: '+1' })).records)).toEqual(['p-10', 'p-7', 'p-4', 'p-1']);
      expect(ids((await calls.list({ limit: 10, party: 'e-1', status: 'active' })).records)).toEqual([
        'p-11',
        'p-9',
        'p-7',
        'p-5',
        'p-3',
        'p-1',
      ]);
      const first = await calls.list({ limit: 2, party: 'e-0', to: new Date(100) });
      expect(ids(first.records)).toEqual(['p-8', 'p-6']);
      const second = await calls.list({ limit: 2, party: 'e-0', to: new Date(100), cursor: first.nextCursor });
      expect(ids(second.records)).toEqual(['p-4', 'p-2']);
      const third = await calls.list({ limit: 2, party: 'e-0', to: new Date(100), cursor: second.nextCursor });
      expect(ids(third.records)).toEqual(['p-0']);
      expect(third.nextCursor).toBeUndefined();
    });

    it('refuses a cursor it did not make with a CinnoxOptionsError', async () => {
      const calls = await open();
      await expect(async () => calls.list({ limit: 1, cursor: 'nope' })).rejects.toThrow(CinnoxOptionsError);
    });

    it('keeps a recording outcome that arrives before, during or after the call, without completing it again', async () => {
      const calls = await open();
      // Before anything: a hidden placeholder, taken over by the start.
      expect(await calls.recording('early', 'fail', at(1000))).toBeUndefined();
      expect(await calls.get('early')).toBeUndefined();
      expect((await calls.list({ limit: 10 })).records).toEqual([]);
      expect((await calls.start(start('early', 1100), at(1100))).record).toMatchObject({ status: 'active', recordingStatus: 'fail' });
      expect(await calls.end(end('early', 2000), at(2000))).toMatchObject({ completion: 'first', record: { recordingStatus: 'fail' } });
      // Before the end only: the end keeps it.
      await calls.recording('end-first', 'success', at(3000));
      expect((await calls.end(end('end-first', 3100), at(3100))).record).toMatchObject({ status: 'ended', recordingStatus: 'success' });
      // After the completion: updated in place, completion not repeated.
      await calls.start(start('late', 4000), at(4000));
      await calls.end(end('late', 5000), at(5000));
      expect(await calls.recording('late', 'success', at(6000))).toMatchObject({ status: 'ended', recordingStatus: 'success' });
      expect((await calls.end(end('late', 5000), at(6100))).completion).toBeNull();
      expect((await calls.get('late'))?.recordingStatus).toBe('success');
      expect((await calls.list({ limit: 10 })).records).toHaveLength(3);
    });

    it('adds from the report a call it does not know, once; a late webhook end or start changes nothing', async () => {
      const calls = await open();
      const added = await calls.report(reported('r1', 1000, 6000), at(7000));
      expect(added).toEqual({
        completion: 'added',
        record: {
          id: 'r1',
          serviceId: 'svc',
          caller: { number: '+1' },
          callees: [{ eid: 'e' }],
          startedAt: new Date(1000),
          endedAt: new Date(6000),
          durationMs: 5000,
          status: 'ended',
          recordingStatus: null,
          source: 'report',
          cinnox: CINNOX,
          settledAt: null,
        },
      });
      expect((await calls.report(reported('r1', 1000, 6000), at(8000))).completion).toBeNull();
      expect((await calls.end(end('r1', 9000), at(9000))).completion).toBeNull();
      expect((await calls.start(start('r1', 9500), at(9500))).change).toBe('duplicate');
      expect(await calls.get('r1')).toEqual(added.record);
      expect(ids((await calls.list({ limit: 10 })).records)).toEqual(['r1']);
    });

    it('completes from the report an active or stale call once, keeping its start; an ended one is left alone', async () => {
      const calls = await open();
      await calls.start(start('act', 1000), at(1000));
      await calls.start(start('st', 1000), at(1000));
      await calls.claimStale(1000, 10, at(2000));
      await calls.end(end('done', 3000), at(3000));
      expect(await calls.report(reported('act', 900, 5000), at(6000))).toMatchObject({
        completion: 'completed',
        record: { status: 'ended', source: 'report', startedAt: new Date(1000), endedAt: new Date(5000), durationMs: 4000, cinnox: CINNOX },
      });
      expect((await calls.report(reported('st', 900, 5000), at(6000))).completion).toBe('completed');
      expect(await calls.report(reported('done', 900, 5000), at(6000))).toMatchObject({
        completion: null,
        record: { source: 'webhook', endedAt: new Date(3000), cinnox: null },
      });
      expect(await calls.countActive()).toBe(0);
      expect((await calls.end(end('act', 7000), at(7000))).completion).toBeNull();
    });

    it('adds a report call without a start with no duration', async () => {
      const calls = await open();
      expect(await calls.report({ ...reported('ns', 0, 5000), startedAt: null }, at(6000))).toMatchObject({
        completion: 'added',
        record: { startedAt: null, durationMs: null, endedAt: new Date(5000) },
      });
    });

    it('leases a reconcile window to one owner at a time until it expires or is released; a finished one is done', async () => {
      const shared = crypto.randomUUID();
      const a = await open(shared);
      const b = await open(shared);
      expect(await a.leaseWindow('w1', 'A', 10_000, at(1000))).toBe('leased');
      expect(await b.leaseWindow('w1', 'B', 10_000, at(2000))).toBe('held');
      expect(await a.leaseWindow('w1', 'A', 20_000, at(3000))).toBe('leased');
      expect(await b.leaseWindow('w1', 'B', 30_000, at(21_000))).toBe('leased');
      // Released (an until not after now): another owner takes it at once.
      expect(await b.leaseWindow('w1', 'B', 22_000, at(22_000))).toBe('leased');
      expect(await a.leaseWindow('w1', 'A', 40_000, at(22_001))).toBe('leased');
      await a.finishWindow('w1', at(23_000, 60_000));
      expect(await b.leaseWindow('w1', 'B', 90_000, at(24_000))).toBe('done');
      expect(await a.leaseWindow('w1', 'A', 90_000, at(24_000))).toBe('done');
      expect(await b.leaseWindow('w2', 'B', 90_000, at(24_000))).toBe('leased');
    });
  });
}

/**
 * Expiry by the tracker's clock (`times.now`), for the stores that expire that way (in memory, PostgreSQL);
 * Redis expires by its own clock, with TTLs its spec checks.
 */
export function describeTrackerClockExpiry(name: string, open: CallStoreOpener): void {
  describe(`${name}: expiry by the tracker's clock`, () => {
    it('forgets a placeholder recording after the retention when its call never comes', async () => {
      const calls = await open();
      await calls.recording('lost', 'success', at(1000, 10_000));
      expect((await calls.start(start('lost', 20_000), at(20_000, 10_000))).record.recordingStatus).toBeNull();
    });

    it('forgets an ended call after the retention: the same id starts afresh', async () => {
      const calls = await open();
      await calls.end(end('again', 0), at(0, 10_000));
      expect((await calls.start(start('again', 20_000), at(20_000, 10_000))).change).toBe('started');
      expect(await calls.get('again')).toMatchObject({ status: 'active', endedAt: null });
    });
  });
}
