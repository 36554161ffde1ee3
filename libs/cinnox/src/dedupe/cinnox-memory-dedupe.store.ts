import { CinnoxDedupeStore } from '../stores/cinnox-dedupe.store.js';

/**
 * In-process dedupe: a TTL per key and a cap on the number of keys (plus at most 1% while a batch of the
 * oldest waits to be dropped), so memory stays flat however many calls go by. Enough for one replica;
 * several replicas need a shared store.
 * @publicApi
 */
export class CinnoxMemoryDedupeStore extends CinnoxDedupeStore {
  // A Map iterates in insertion order; with one TTL for all keys that is also expiry order,
  // so expired keys and overflow are both dropped from the front in O(1) each.
  // Not lru-cache: no faster per claim (measured), keeps expired keys until evicted (or an O(n) purge), ignores a claim's `now`.
  private readonly expiries = new Map<string, number>();
  // Sweeping expired keys walks an iterator; once a second is plenty, as claim() checks expiry itself.
  private nextSweep = 0;

  /**
   * @param maxEntries most keys kept; the oldest is forgotten first. @default 100000
   * @param clock the time in ms, read on each claim (tests pass their own). @default Date.now
   */
  constructor(
    private readonly maxEntries = 100_000,
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  /** Number of keys held now. */
  get size(): number {
    return this.expiries.size;
  }

  claim(key: string, ttlMs: number, now = this.clock()): boolean {
    if (now >= this.nextSweep) this.evictExpired(now);
    const expiry = this.expiries.get(key);
    if (expiry !== undefined) {
      if (expiry > now) return false;
      this.expiries.delete(key); // re-inserted at the back, in expiry order
    }
    this.expiries.set(key, now + ttlMs);
    if (this.expiries.size > this.maxEntries + this.slack) this.trim();
    return true;
  }

  release(key: string): void {
    this.expiries.delete(key);
  }

  // Over the cap, the oldest keys go in batches: one iterator per batch instead of one per claim.
  private get slack(): number {
    return Math.min(1024, Math.ceil(this.maxEntries / 100));
  }

  private trim(): void {
    let excess = this.expiries.size - this.maxEntries;
    for (const key of this.expiries.keys()) {
      if (excess-- <= 0) return;
      this.expiries.delete(key);
    }
  }

  private evictExpired(now: number): void {
    this.nextSweep = now + 1000;
    for (const [key, expiry] of this.expiries) {
      if (expiry > now) return;
      this.expiries.delete(key);
    }
  }
}
