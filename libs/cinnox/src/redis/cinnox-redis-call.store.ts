import type { Redis } from 'ioredis';
import { CinnoxCallStore, type CinnoxWindowLease } from '../stores/cinnox-call.store.js';
import type {
  CinnoxCallEndInput,
  CinnoxCallEndOutcome,
  CinnoxCallPage,
  CinnoxCallQuery,
  CinnoxCallRecord,
  CinnoxCallReportInput,
  CinnoxCallReportOutcome,
  CinnoxCallStartInput,
  CinnoxCallStartOutcome,
  CinnoxCallStatus,
  CinnoxCallStoreTimes,
  CinnoxRecordingStatus,
} from '../stores/cinnox-call-record.interface.js';
import { decodeCallCursor, encodeCallCursor, matchesCallQuery } from '../calls/call-query.js';
import { settleWithin } from '../queue/settle-within.js';
import { resolveRedisStoreTimeout, type CinnoxRedisStoreOptions } from './cinnox-redis-store-options.interface.js';
import {
  CLAIM_STALE_SCRIPT,
  CONFIRM_SCRIPT,
  END_SCRIPT,
  FINISH_WINDOW_SCRIPT,
  LEASE_WINDOW_SCRIPT,
  RECORDING_SCRIPT,
  REPORT_SCRIPT,
  SETTLE_SCRIPT,
  START_SCRIPT,
} from './cinnox-redis-call.scripts.js';
import type { CinnoxReportedCall } from '../stores/cinnox-call-record.interface.js';

type Script = (...args: (string | number)[]) => Promise<unknown>;
type Fields = Record<string, string>;

// Listing reads the index newest first, this many records per round trip.
const PAGE = 200;

/**
 * Call records shared by every replica through Redis: each write is one Lua script, so a call completes
 * (and goes stale) once whichever replica sees which half. Records are hashes that expire (ended and stale
 * ones after `calls.retentionMs`); active calls sit in a sorted set by start time, which the stale sweep
 * reads. Pass your ioredis client: the library opens no connection of its own, and defines its scripts on
 * that client (`cinnoxCall*` commands).
 * @publicApi
 */
export class CinnoxRedisCallStore extends CinnoxCallStore {
  private readonly activeKey: string;
  private readonly indexKey: string;
  private readonly timeoutMs: number;

  /**
   * @param redis an ioredis client; for a webhook served inline, one that fails fast when offline
   *   (`enableOfflineQueue: false`, a small `maxRetriesPerRequest`).
   * @param prefix prepended to every key; in Redis Cluster use a hash tag, e.g. `'{cinnox:calls}:'`.
   *   @default 'cinnox:calls:'
   * @param options how long one call may wait for Redis (`timeoutMs`).
   */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'cinnox:calls:',
    options: CinnoxRedisStoreOptions = {},
  ) {
    super();
    this.timeoutMs = resolveRedisStoreTimeout(options);
    this.activeKey = `${prefix}active`;
    this.indexKey = `${prefix}index`;
    redis.defineCommand('cinnoxCallStart', { numberOfKeys: 3, lua: START_SCRIPT });
    redis.defineCommand('cinnoxCallEnd', { numberOfKeys: 3, lua: END_SCRIPT });
    redis.defineCommand('cinnoxCallRecording', { numberOfKeys: 1, lua: RECORDING_SCRIPT });
    redis.defineCommand('cinnoxCallConfirm', { numberOfKeys: 1, lua: CONFIRM_SCRIPT });
    redis.defineCommand('cinnoxCallSettle', { numberOfKeys: 1, lua: SETTLE_SCRIPT });
    redis.defineCommand('cinnoxCallReport', { numberOfKeys: 3, lua: REPORT_SCRIPT });
    redis.defineCommand('cinnoxCallLeaseWindow', { numberOfKeys: 1, lua: LEASE_WINDOW_SCRIPT });
    redis.defineCommand('cinnoxCallFinishWindow', { numberOfKeys: 1, lua: FINISH_WINDOW_SCRIPT });
    redis.defineCommand('cinnoxCallClaimStale', { numberOfKeys: 2, lua: CLAIM_STALE_SCRIPT });
  }

  async start(start: CinnoxCallStartInput, times: CinnoxCallStoreTimes): Promise<CinnoxCallStartOutcome> {
    const { id, serviceId, caller, callees, startedAt } = start;
    const [change, fields] = (await this.run('cinnoxCallStart', 'record a call start')(
      ...this.keys(id),
      id,
      serviceId,
      JSON.stringify(caller),
      JSON.stringify(callees),
      startedAt,
      times.now,
      times.activeTtlMs,
      times.retentionMs,
    )) as [CinnoxCallStartOutcome['change'], string[]];
    return { change, record: toRecord(id, pairs(fields)) };
  }

  async end(end: CinnoxCallEndInput, times: CinnoxCallStoreTimes): Promise<CinnoxCallEndOutcome> {
    const { id, serviceId, endedAt, deliveryId = '' } = end;
    const [completion, fields] = (await this.run('cinnoxCallEnd', 'record a call end')(
      ...this.keys(id),
      id,
      serviceId,
      endedAt,
      times.now,
      times.retentionMs,
      deliveryId,
    )) as ['first' | 'repeat' | '', string[]];
    return { completion: completion === '' ? null : completion, record: toRecord(id, pairs(fields)) };
  }

  async report(call: CinnoxCallReportInput, times: CinnoxCallStoreTimes): Promise<CinnoxCallReportOutcome> {
    const { id, serviceId, caller, callees, startedAt, endedAt, cinnox } = call;
    const [completion, fields] = (await this.run('cinnoxCallReport', 'complete a call from the report')(
      ...this.keys(id),
      id,
      serviceId,
      JSON.stringify(caller),
      JSON.stringify(callees),
      startedAt ?? '',
      endedAt,
      times.now,
      times.retentionMs,
      JSON.stringify(cinnox),
    )) as ['added' | 'completed' | '', string[]];
    return { completion: completion === '' ? null : completion, record: toRecord(id, pairs(fields)) };
  }

  async leaseWindow(key: string, owner: string, until: number, times: CinnoxCallStoreTimes): Promise<CinnoxWindowLease> {
    const lease = await this.run('cinnoxCallLeaseWindow', 'lease a reconcile window')(
      this.windowKey(key),
      owner,
      Math.trunc(until),
      times.now,
    );
    return lease as CinnoxWindowLease;
  }

  async finishWindow(key: string, times: CinnoxCallStoreTimes): Promise<void> {
    await this.run('cinnoxCallFinishWindow', 'finish a reconcile window')(this.windowKey(key), times.retentionMs);
  }

  async recording(id: string, outcome: CinnoxRecordingStatus, times: CinnoxCallStoreTimes): Promise<CinnoxCallRecord | undefined> {
    const fields = (await this.run('cinnoxCallRecording', 'record a recording')(
      this.recordKey(id),
      outcome,
      times.retentionMs,
    )) as string[];
    return fields.length === 0 ? undefined : toRecord(id, pairs(fields));
  }

  async settle(id: string, cinnox: CinnoxReportedCall | null, times: CinnoxCallStoreTimes): Promise<CinnoxCallRecord | undefined> {
    const fields = (await this.run('cinnoxCallSettle', 'settle a call')(this.recordKey(id), JSON.stringify(cinnox), times.now)) as string[];
    return fields.length === 0 ? undefined : toRecord(id, pairs(fields));
  }

  async confirm(id: string, deliveryId: string): Promise<void> {
    await this.run('cinnoxCallConfirm', 'confirm a call completion')(this.recordKey(id), deliveryId);
  }

  async claimStale(startedBefore: number, limit: number, times: CinnoxCallStoreTimes): Promise<CinnoxCallRecord[]> {
    const claimed = (await this.run('cinnoxCallClaimStale', 'claim stale calls')(
      this.activeKey,
      this.indexKey,
      startedBefore,
      limit,
      times.retentionMs,
      times.now,
      `${this.prefix}call:`,
      // No record first seen before this lives on (a stale call ended late lives longest): older index entries go.
      times.now - times.activeTtlMs - times.retentionMs,
    )) as (string | string[])[];
    const records: CinnoxCallRecord[] = [];
    for (let i = 0; i < claimed.length; i += 2) records.push(toRecord(claimed[i] as string, pairs(claimed[i + 1] as string[])));
    return records;
  }

  async get(id: string): Promise<CinnoxCallRecord | undefined> {
    const fields = await this.within(this.redis.hgetall(this.recordKey(id)), 'read a call');
    return fields.status ? toRecord(id, fields) : undefined;
  }

  async list(query: CinnoxCallQuery & { limit: number }): Promise<CinnoxCallPage> {
    // The index scores each call by its first receipt; equal scores list in reverse order of id, as ZREVRANGE does.
    const after = query.cursor === undefined ? undefined : decodeCallCursor(query.cursor);
    const max = after === undefined ? '+inf' : String(after[0]);
    const found: CinnoxCallRecord[] = [];
    let last: [number, string] | undefined;
    for (let offset = 0; ; offset += PAGE) {
      const flat = await this.within(
        this.redis.zrevrangebyscore(this.indexKey, max, '-inf', 'WITHSCORES', 'LIMIT', offset, PAGE),
        'list calls',
      );
      const page: [string, number][] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const [id, score] = [flat[i]!, Number(flat[i + 1])];
        if (after === undefined || score < after[0] || id < after[1]) page.push([id, score]);
      }
      const records = await this.read(page.map(([id]) => id));
      for (const [i, record] of records.entries()) {
        if (record === undefined || !matchesCallQuery(record, query)) continue;
        if (found.length === query.limit) return { records: found, nextCursor: encodeCallCursor(last!) };
        found.push(record);
        last = [page[i]![1], page[i]![0]];
      }
      if (flat.length < PAGE * 2) return { records: found };
    }
  }

  async countActive(): Promise<number> {
    return this.within(this.redis.zcard(this.activeKey), 'count active calls');
  }

  // One slot per id, undefined for an expired one, so the caller pairs records with their index entries.
  private async read(ids: string[]): Promise<(CinnoxCallRecord | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.recordKey(id));
    const results = (await this.within(pipeline.exec(), 'read calls')) ?? [];
    const records: (CinnoxCallRecord | undefined)[] = [];
    results.forEach(([error, fields], i) => {
      if (error) throw error;
      // An expired record may linger in the index until the next sweep trims it.
      records.push((fields as Fields).status ? toRecord(ids[i]!, fields as Fields) : undefined);
    });
    return records;
  }

  private keys(id: string): [string, string, string] {
    return [this.recordKey(id), this.activeKey, this.indexKey];
  }

  private windowKey(key: string): string {
    return `${this.prefix}window:${key}`;
  }

  private recordKey(id: string): string {
    return `${this.prefix}call:${id}`;
  }

  // Each script is one call to Redis, bounded like the others.
  private run(name: string, what: string): Script {
    const script = (this.redis as unknown as Record<string, Script>)[name]!.bind(this.redis);
    return (...args) => this.within(script(...args), what);
  }

  // ioredis commands take no deadline of their own: a frozen Redis would hold the webhook, the stale sweep and
  // the shutdown that waits for them until it answers again.
  private within<T>(work: Promise<T>, what: string): Promise<T> {
    return settleWithin(work, this.timeoutMs, what);
  }
}

function pairs(flat: string[]): Fields {
  const fields: Fields = {};
  for (let i = 0; i < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

function toRecord(id: string, fields: Fields): CinnoxCallRecord {
  const time = (value: string | undefined) => (value === undefined ? null : new Date(Number(value)));
  return {
    id,
    serviceId: fields.serviceId ?? '',
    caller: fields.caller === undefined ? null : JSON.parse(fields.caller),
    callees: fields.callees === undefined ? [] : JSON.parse(fields.callees),
    startedAt: time(fields.startedAt),
    endedAt: time(fields.endedAt),
    durationMs: fields.durationMs === undefined ? null : Number(fields.durationMs),
    status: fields.status as CinnoxCallStatus,
    recordingStatus: (fields.recordingStatus as CinnoxCallRecord['recordingStatus']) ?? null,
    source: (fields.source as CinnoxCallRecord['source'] | undefined) ?? 'webhook',
    cinnox: fields.cinnox === undefined ? null : JSON.parse(fields.cinnox),
    settledAt: time(fields.settledAt),
  };
}
