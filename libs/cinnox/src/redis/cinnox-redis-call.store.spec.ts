import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { describeCallStoreContract } from '../../../../test/support/call-store.contract.js';
import { REDIS_URL, redisAvailable } from '../../../../test/support/redis.js';
import type { CinnoxCallStoreTimes } from '../stores/cinnox-call-record.interface.js';
import { CinnoxMemoryCallStore } from '../calls/cinnox-memory-call.store.js';
import { CinnoxRedisCallStore } from './cinnox-redis-call.store.js';

const reachable = await redisAvailable('the Redis call store tests');

const at = (now: number, retentionMs = 60_000, activeTtlMs = 120_000): CinnoxCallStoreTimes => ({ now, retentionMs, activeTtlMs });
const start = (id: string, startedAt: number) => ({ id, serviceId: 'svc', caller: { number: '+1' }, callees: [{ eid: 'e' }], startedAt });
const end = (id: string, endedAt: number, deliveryId?: string) => ({ id, serviceId: 'svc', endedAt, deliveryId });

describe.skipIf(!reachable)('CinnoxRedisCallStore (real Redis)', () => {
  const clients: Redis[] = [];
  const prefixes: string[] = [];
  /** A store on a fresh client; `prefix` shares records with another store. */
  const store = (prefix = `cinnox:test:calls:${randomUUID()}:`) => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    prefixes.push(prefix);
    return { store: new CinnoxRedisCallStore(redis, prefix), prefix, redis };
  };

  afterEach(async () => {
    const cleaner = clients[0];
    for (const prefix of prefixes.splice(0)) {
      const keys = await cleaner!.keys(`${prefix}*`);
      if (keys.length) await cleaner!.del(...keys);
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((redis) => redis.quit()));
  });

  // Replicas of one test share a key prefix, each on a client of its own.
  describeCallStoreContract(
    'CinnoxRedisCallStore',
    (shared) => store(shared === undefined ? undefined : `cinnox:test:calls:${shared}:`).store,
  );

  it('pairs a start then an end once, with the duration, and expires the ended record after the retention', async () => {
    const { store: calls, prefix, redis } = store();
    expect((await calls.start(start('a', 1000), at(1000))).change).toBe('started');
    expect(await calls.countActive()).toBe(1);

    const first = await calls.end(end('a', 4000), at(4000));
    // The same steps on the in-memory store give the same record: both stores keep one contract.
    const memory = new CinnoxMemoryCallStore();
    memory.start(start('a', 1000), at(1000));
    expect(first).toEqual(memory.end(end('a', 4000), at(4000)));
    expect(first.record).toMatchObject({ status: 'ended', durationMs: 3000, caller: { number: '+1' }, recordingStatus: null });
    expect((await calls.end(end('a', 5000), at(5000))).completion).toBeNull();
    expect(await calls.get('a')).toEqual(first.record);
    expect(await calls.countActive()).toBe(0);
    const ttl = await redis.pttl(`${prefix}call:a`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('completes an end that comes first without a duration; a later start only fills in the record', async () => {
    const { store: calls } = store();
    expect(await calls.end(end('b', 2000), at(2000))).toMatchObject({
      completion: 'first',
      record: { caller: null, callees: [], durationMs: null },
    });
    expect((await calls.start(start('b', 2500), at(2500))).change).toBe('filled');
    expect((await calls.start(start('b', 2600), at(2600))).change).toBe('duplicate');
    expect(await calls.get('b')).toMatchObject({ status: 'ended', caller: { number: '+1' }, startedAt: new Date(2500), durationMs: null });
    expect(await calls.get('nope')).toBeUndefined();
  });

  it('lets only the same unconfirmed queue delivery complete a call again', async () => {
    const { store: calls } = store();
    await calls.start(start('d', 0), at(0));
    expect((await calls.end(end('d', 10, 'job-1'), at(10))).completion).toBe('first');
    expect((await calls.end(end('d', 20, 'job-2'), at(20))).completion).toBeNull();
    expect((await calls.end(end('d', 30, 'job-1'), at(30))).completion).toBe('repeat');
    await calls.confirm('d', 'job-1');
    expect((await calls.end(end('d', 40, 'job-1'), at(40))).completion).toBeNull();
  });

  it('completes each call exactly once when replicas race with its halves and redeliveries', async () => {
    const shared = `cinnox:test:calls:${randomUUID()}:`;
    const replicas = [store(shared).store, store(shared).store, store(shared).store];
    const ids = Array.from({ length: 200 }, (_, i) => `race-${i}`);
    const outcomes = await Promise.all(
      ids.flatMap((id, i) =>
        replicas.flatMap((replica, r) => [replica.start(start(id, i), at(i + r)), replica.end(end(id, i + 100), at(i + 100 + r))]),
      ),
    );
    const firsts = outcomes.filter((outcome) => 'completion' in outcome && outcome.completion === 'first');
    expect(firsts.map((outcome) => outcome.record.id).sort()).toEqual([...ids].sort());
    expect(await replicas[0]!.countActive()).toBe(0);
    expect((await replicas[1]!.list({ status: 'ended', limit: 1000 })).records.map((record) => record.id).sort()).toEqual([...ids].sort());
  });

  it('claims each stale call for one replica only; a late end still completes it', async () => {
    const shared = `cinnox:test:calls:${randomUUID()}:`;
    const [a, b] = [store(shared).store, store(shared).store];
    for (let i = 0; i < 50; i++) await a.start(start(`s-${i}`, i), at(i));
    await a.start(start('fresh', 10_000), at(10_000));

    const [mine, theirs] = await Promise.all([a.claimStale(5000, 30, at(10_001)), b.claimStale(5000, 30, at(10_001))]);
    const rest = await a.claimStale(5000, 30, at(10_002));
    const claimed = [...mine, ...theirs, ...rest].map((record) => record.id);
    expect(claimed).toHaveLength(50);
    expect(new Set(claimed).size).toBe(50);
    expect(mine.every((record) => record.status === 'stale')).toBe(true);
    expect(await b.countActive()).toBe(1);
    expect(await b.claimStale(5000, 30, at(10_003))).toEqual([]);

    expect(await b.end(end('s-7', 20_007), at(20_007))).toMatchObject({
      completion: 'first',
      record: { status: 'ended', durationMs: 20_000 },
    });
  });

  it('lists the most recently first seen first, by status, up to the limit', async () => {
    const { store: calls } = store();
    await calls.start(start('a', 1), at(1));
    await calls.start(start('b', 2), at(2));
    await calls.start(start('c', 3), at(3));
    await calls.end(end('a', 4), at(4));

    expect((await calls.list({ limit: 10 })).records.map((record) => record.id)).toEqual(['c', 'b', 'a']);
    expect((await calls.list({ limit: 2 })).records.map((record) => record.id)).toEqual(['c', 'b']);
    expect((await calls.list({ status: 'active', limit: 10 })).records.map((record) => record.id)).toEqual(['c', 'b']);
    expect((await calls.list({ status: 'ended', limit: 10 })).records.map((record) => record.id)).toEqual(['a']);
  });

  it('keeps a recording outcome that arrives before or after the call, atomically, without completing it again', async () => {
    const { store: calls, prefix, redis } = store();
    // Before anything: a hidden placeholder that expires after the retention, taken over by the start.
    expect(await calls.recording('early', 'fail', at(1000))).toBeUndefined();
    expect(await calls.get('early')).toBeUndefined();
    expect(await redis.pttl(`${prefix}call:early`)).toBeGreaterThan(50_000);
    expect((await calls.start(start('early', 1100), at(1100))).record).toMatchObject({ status: 'active', recordingStatus: 'fail' });
    expect(await calls.end(end('early', 2000), at(2000))).toMatchObject({ completion: 'first', record: { recordingStatus: 'fail' } });

    // Before the end only: the end keeps it.
    await calls.recording('end-first', 'success', at(3000));
    expect((await calls.end(end('end-first', 3100), at(3100))).record).toMatchObject({ status: 'ended', recordingStatus: 'success' });

    // After the completion: updated in place, completion not repeated, the same record as the in-memory store's.
    await calls.start(start('late', 4000), at(4000));
    await calls.end(end('late', 5000), at(5000));
    const memory = new CinnoxMemoryCallStore();
    memory.start(start('late', 4000), at(4000));
    memory.end(end('late', 5000), at(5000));
    expect(await calls.recording('late', 'success', at(6000))).toEqual(memory.recording('late', 'success', at(6000)));
    expect((await calls.end(end('late', 5000), at(6100))).completion).toBeNull();
    expect((await calls.get('late'))?.recordingStatus).toBe('success');
    expect((await calls.list({ limit: 10 })).records).toHaveLength(3);
  });
});
