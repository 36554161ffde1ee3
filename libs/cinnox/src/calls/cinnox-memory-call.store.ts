import type { CinnoxCallParty } from '../hooks/call/cinnox-call-party.interface.js';
import type { CinnoxReportedCall } from '../hooks/call/cinnox-reported-call.interface.js';
import type {
  CinnoxCallEndInput,
  CinnoxCallEndOutcome,
  CinnoxCallPage,
  CinnoxCallQuery,
  CinnoxCallRecord,
  CinnoxCallReportInput,
  CinnoxCallReportOutcome,
  CinnoxCallSource,
  CinnoxCallStartInput,
  CinnoxCallStartOutcome,
  CinnoxCallStatus,
  CinnoxCallStoreTimes,
  CinnoxRecordingStatus,
} from '../stores/cinnox-call-record.interface.js';
import { CinnoxCallStore, type CinnoxWindowLease } from '../stores/cinnox-call.store.js';
import { decodeCallCursor, encodeCallCursor, matchesCallQuery } from './call-query.js';

interface Entry {
  readonly id: string;
  serviceId: string;
  caller: CinnoxCallParty | null;
  callees: readonly CinnoxCallParty[];
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  status: CinnoxCallStatus;
  recordingStatus: CinnoxRecordingStatus | null;
  cinnox: CinnoxReportedCall | null;
  settledAt: number | null;
  source: CinnoxCallSource;
  // The delivery that completed the call, until it confirms its event reached every listener.
  pendingDelivery?: string;
  changedAt: number;
  // Order of first receipt, the listing's order and cursor.
  seq: number;
}

/**
 * In-process call records: synchronous, a retention time for ended and stale calls, and a cap on the
 * number of records (the first seen goes first). Enough for one replica; several replicas need a shared
 * store such as `CinnoxRedisCallStore`.
 * @publicApi
 */
export class CinnoxMemoryCallStore extends CinnoxCallStore {
  // Maps iterate in insertion order and are never reordered: V8 keeps deleted slots until it rehashes, so
  // an iterator started at the front per operation would skip ever more of them. Every walk below is one
  // iterator per batch or per second.
  private readonly records = new Map<string, Entry>(); // by first receipt
  private readonly active = new Map<string, Entry>(); // by start
  private readonly finished = new Map<string, Entry>(); // by end or stale claim
  // Recording outcomes of calls not seen yet, by receipt: the start or end that comes takes them over.
  private readonly earlyRecordings = new Map<string, { outcome: CinnoxRecordingStatus; at: number }>();
  // Reconcile windows: their lease, or done (kept until `expiresAt`).
  private readonly windows = new Map<string, { owner: string | null; expiresAt: number }>();
  private nextExpiry = 0;
  private nextSeq = 0;

  /** @param maxRecords most records kept (plus at most 1% while a batch of the oldest waits to go). @default 100000 */
  constructor(private readonly maxRecords = 100_000) {
    super();
  }

  /** Number of records held now. */
  get size(): number {
    return this.records.size;
  }

  start(start: CinnoxCallStartInput, times: CinnoxCallStoreTimes): CinnoxCallStartOutcome {
    this.expire(times);
    const known = this.records.get(start.id);
    if (!known) {
      const entry: Entry = {
        id: start.id,
        serviceId: start.serviceId,
        caller: start.caller,
        callees: start.callees,
        startedAt: start.startedAt,
        endedAt: null,
        durationMs: null,
        status: 'active',
        recordingStatus: this.takeEarlyRecording(start.id),
        cinnox: null,
        settledAt: null,
        source: 'webhook',
        changedAt: times.now,
        seq: 0,
      };
      this.active.set(entry.id, entry);
      this.insert(entry);
      return { change: 'started', record: view(entry) };
    }
    if (known.status !== 'ended' || known.startedAt !== null) return { change: 'duplicate', record: view(known) };
    // The start came after the end: the record gains who and when, but no duration.
    known.caller = start.caller;
    known.callees = start.callees;
    known.startedAt = start.startedAt;
    return { change: 'filled', record: view(known) };
  }

  end(end: CinnoxCallEndInput, times: CinnoxCallStoreTimes): CinnoxCallEndOutcome {
    this.expire(times);
    const known = this.records.get(end.id);
    if (known?.status === 'ended') {
      const repeat = end.deliveryId !== undefined && known.pendingDelivery === end.deliveryId;
      return { completion: repeat ? 'repeat' : null, record: view(known) };
    }
    const entry: Entry = known ?? {
      id: end.id,
      serviceId: end.serviceId,
      caller: null,
      callees: [],
      startedAt: null,
      endedAt: null,
      durationMs: null,
      status: 'ended',
      recordingStatus: this.takeEarlyRecording(end.id),
      cinnox: null,
      settledAt: null,
      source: 'webhook',
      changedAt: times.now,
      seq: 0,
    };
    entry.status = 'ended';
    entry.endedAt = end.endedAt;
    entry.durationMs = entry.startedAt === null ? null : Math.max(0, end.endedAt - entry.startedAt);
    entry.pendingDelivery = end.deliveryId;
    this.active.delete(entry.id);
    this.finish(entry, times.now);
    if (!known) this.insert(entry);
    return { completion: 'first', record: view(entry) };
  }

  report(call: CinnoxCallReportInput, times: CinnoxCallStoreTimes): CinnoxCallReportOutcome {
    this.expire(times);
    const known = this.records.get(call.id);
    if (known?.status === 'ended') return { completion: null, record: view(known) };
    const entry: Entry = known ?? {
      id: call.id,
      serviceId: call.serviceId,
      caller: call.caller,
      callees: call.callees,
      startedAt: call.startedAt,
      endedAt: null,
      durationMs: null,
      status: 'ended',
      recordingStatus: this.takeEarlyRecording(call.id),
      cinnox: null,
      settledAt: null,
      source: 'report',
      changedAt: times.now,
      seq: 0,
    };
    entry.status = 'ended';
    entry.source = 'report';
    entry.cinnox = call.cinnox;
    entry.endedAt = call.endedAt;
    entry.durationMs = entry.startedAt === null ? null : Math.max(0, call.endedAt - entry.startedAt);
    this.active.delete(entry.id);
    this.finish(entry, times.now);
    if (!known) this.insert(entry);
    return { completion: known ? 'completed' : 'added', record: view(entry) };
  }

  leaseWindow(key: string, owner: string, until: number, times: CinnoxCallStoreTimes): CinnoxWindowLease {
    const known = this.windows.get(key);
    if (known && known.expiresAt > times.now) {
      if (known.owner === null) return 'done';
      if (known.owner !== owner) return 'held';
    }
    this.windows.set(key, { owner, expiresAt: until });
    return 'leased';
  }

  finishWindow(key: string, times: CinnoxCallStoreTimes): void {
    this.windows.set(key, { owner: null, expiresAt: times.now + times.retentionMs });
    // Bounded like the records: the oldest windows go first.
    for (const [oldest, window] of this.windows) {
      if (this.windows.size <= this.maxRecords && window.expiresAt > times.now) break;
      this.windows.delete(oldest);
    }
  }

  recording(id: string, outcome: CinnoxRecordingStatus, times: CinnoxCallStoreTimes): CinnoxCallRecord | undefined {
    this.expire(times);
    const known = this.records.get(id);
    if (known) {
      known.recordingStatus = outcome;
      return view(known);
    }
    this.earlyRecordings.delete(id);
    this.earlyRecordings.set(id, { outcome, at: times.now });
    // Bounded like the records: the oldest placeholders go first.
    for (const oldest of this.earlyRecordings.keys()) {
      if (this.earlyRecordings.size <= this.maxRecords) break;
      this.earlyRecordings.delete(oldest);
    }
    return undefined;
  }

  settle(id: string, cinnox: CinnoxReportedCall | null, times: CinnoxCallStoreTimes): CinnoxCallRecord | undefined {
    this.expire(times);
    const known = this.records.get(id);
    if (known?.status !== 'ended' || known.settledAt !== null) return undefined;
    known.cinnox = cinnox;
    known.settledAt = times.now;
    return view(known);
  }

  confirm(id: string, deliveryId: string): void {
    const known = this.records.get(id);
    if (known?.pendingDelivery === deliveryId) known.pendingDelivery = undefined;
  }

  claimStale(startedBefore: number, limit: number, times: CinnoxCallStoreTimes): CinnoxCallRecord[] {
    const claimed: CinnoxCallRecord[] = [];
    // Active calls are few (those in progress), so a full walk is cheap and exact whatever their order.
    for (const entry of this.active.values()) {
      if (claimed.length >= limit) break;
      if (entry.startedAt! > startedBefore) continue;
      entry.status = 'stale';
      this.active.delete(entry.id);
      this.finish(entry, times.now);
      claimed.push(view(entry));
    }
    return claimed;
  }

  get(id: string): CinnoxCallRecord | undefined {
    const known = this.records.get(id);
    return known && view(known);
  }

  /** Records matching `query`, the most recently first seen first, a page at a time. */
  list(query: CinnoxCallQuery & { limit: number }): CinnoxCallPage {
    const before = query.cursor === undefined ? Infinity : decodeCallCursor(query.cursor)[0];
    const found: CinnoxCallRecord[] = [];
    let last: Entry | undefined;
    const entries = [...this.records.values()];
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      if (entry.seq >= before) continue;
      const record = view(entry);
      if (!matchesCallQuery(record, query)) continue;
      if (found.length === query.limit) return { records: found, nextCursor: encodeCallCursor([last!.seq, last!.id]) };
      found.push(record);
      last = entry;
    }
    return { records: found };
  }

  countActive(): number {
    return this.active.size;
  }

  private takeEarlyRecording(id: string): CinnoxRecordingStatus | null {
    const early = this.earlyRecordings.get(id);
    this.earlyRecordings.delete(id);
    return early?.outcome ?? null;
  }

  private insert(entry: Entry): void {
    entry.seq = ++this.nextSeq;
    this.records.set(entry.id, entry);
    // Over the cap, the first seen go in batches: one iterator per batch, not one per insert.
    if (this.records.size <= this.maxRecords + Math.min(1024, Math.ceil(this.maxRecords / 100))) return;
    let excess = this.records.size - this.maxRecords;
    for (const oldest of this.records.values()) {
      if (excess-- <= 0) return;
      this.forget(oldest);
    }
  }

  // Re-inserted at the back: a late end after a stale claim moves the record once, which is rare.
  private finish(entry: Entry, now: number): void {
    entry.changedAt = now;
    this.finished.delete(entry.id);
    this.finished.set(entry.id, entry);
  }

  private forget(entry: Entry): void {
    this.records.delete(entry.id);
    this.active.delete(entry.id);
    this.finished.delete(entry.id);
  }

  // Ended and stale records go retentionMs after they finished; active ones activeTtlMs after they started.
  private expire({ now, retentionMs, activeTtlMs }: CinnoxCallStoreTimes): void {
    if (now < this.nextExpiry) return;
    this.nextExpiry = now + 1000;
    for (const entry of this.finished.values()) {
      if (entry.changedAt + retentionMs > now) break;
      this.forget(entry);
    }
    for (const entry of this.active.values()) {
      if (entry.changedAt + activeTtlMs > now) break;
      this.forget(entry);
    }
    for (const [id, early] of this.earlyRecordings) {
      if (early.at + retentionMs > now) break;
      this.earlyRecordings.delete(id);
    }
  }
}

function view(entry: Entry): CinnoxCallRecord {
  return {
    id: entry.id,
    serviceId: entry.serviceId,
    caller: entry.caller,
    callees: entry.callees,
    startedAt: entry.startedAt === null ? null : new Date(entry.startedAt),
    endedAt: entry.endedAt === null ? null : new Date(entry.endedAt),
    durationMs: entry.durationMs,
    status: entry.status,
    recordingStatus: entry.recordingStatus,
    source: entry.source,
    cinnox: entry.cinnox,
    settledAt: entry.settledAt === null ? null : new Date(entry.settledAt),
  };
}
