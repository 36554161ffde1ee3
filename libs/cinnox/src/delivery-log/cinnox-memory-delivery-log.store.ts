import type {
  CinnoxDeliveryLogEntry,
  CinnoxDeliveryLogPage,
  CinnoxDeliveryLogQuery,
} from '../stores/cinnox-delivery-log-entry.interface.js';
import { CinnoxDeliveryLogStore } from '../stores/cinnox-delivery-log.store.js';
import { decodeCursor, encodeCursor } from './delivery-log-cursor.js';
import { latestEntry } from './latest-entry.js';

const FAILED = new Set(['failed', 'dead-lettered']);

/**
 * The delivery log in this process's memory: at most `maxEntries` entries (the first written goes first),
 * lost on restart. Enough to try the log or for one replica; share a durable store between replicas.
 * @publicApi
 */
export class CinnoxMemoryDeliveryLogStore extends CinnoxDeliveryLogStore {
  // Insertion order is first-write order: the cap drops from the front.
  private readonly entries = new Map<string, CinnoxDeliveryLogEntry>();

  /** @param maxEntries most entries kept. @default 10000 */
  constructor(private readonly maxEntries = 10_000) {
    super();
    if (!Number.isInteger(maxEntries) || maxEntries <= 0)
      throw new RangeError(`maxEntries must be a positive whole number, got ${maxEntries}`);
  }

  /** Number of entries held now. */
  get size(): number {
    return this.entries.size;
  }

  write(entries: readonly CinnoxDeliveryLogEntry[]): void {
    for (const entry of entries) this.entries.set(entry.id, latestEntry(this.entries.get(entry.id), entry));
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(id);
    }
  }

  list(query: CinnoxDeliveryLogQuery & { limit: number }): CinnoxDeliveryLogPage {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const from = query.from?.getTime() ?? -Infinity;
    const to = query.to?.getTime() ?? Infinity;
    const matching = [...this.entries.values()]
      .filter((entry) => {
        const at = entry.receivedAt.getTime();
        if (at < from || at >= to) return false;
        if (query.hook !== undefined && entry.hook !== query.hook) return false;
        if (query.failedOnly && !FAILED.has(entry.outcome)) return false;
        return after === undefined || compare(at, entry.id, after.at, after.id) > 0;
      })
      .sort((a, b) => compare(a.receivedAt.getTime(), a.id, b.receivedAt.getTime(), b.id));
    const entries = matching.slice(0, query.limit);
    const last = entries.at(-1);
    return matching.length > query.limit && last ? { entries, nextCursor: encodeCursor(last) } : { entries };
  }

  eraseCall(callId: string): number {
    let erased = 0;
    for (const [id, entry] of this.entries) {
      if (entry.callId === callId && this.entries.delete(id)) erased++;
    }
    return erased;
  }

  deleteBefore(before: Date, batchSize: number): number {
    const limit = before.getTime();
    let deleted = 0;
    for (const [id, entry] of this.entries) {
      if (deleted >= batchSize) break;
      if (entry.receivedAt.getTime() < limit && this.entries.delete(id)) deleted++;
    }
    return deleted;
  }
}

const compare = (atA: number, idA: string, atB: number, idB: string): number =>
  atA !== atB ? atA - atB : idA < idB ? -1 : idA > idB ? 1 : 0;
