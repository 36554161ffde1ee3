import type { CinnoxDeliveryLogEntry } from '../stores/cinnox-delivery-log-entry.interface.js';
import { latestEntry } from './latest-entry.js';

/** How the buffer holds and hands on entries. */
export interface DeliveryLogBufferLimits {
  /** Most entries held; a new entry beyond it is dropped (a later write of a held entry replaces it). */
  readonly bufferSize: number;
  /** Most entries per write; a flush starts as soon as this many wait. */
  readonly batchSize: number;
  /** Flush this often. */
  readonly flushIntervalMs: number;
}

/** What the buffer tells its owner. */
export interface DeliveryLogBufferEvents {
  /** An entry was dropped: the buffer was full. */
  dropped(): void;
  /** A write failed: its entries wait for the next flush. */
  failed(error: unknown): void;
  /** A write succeeded. */
  written(count: number): void;
}

/**
 * Keeps the delivery log's writes off the webhook's response path: entries wait here, in order, and are
 * written in batches every `flushIntervalMs` or as soon as `batchSize` wait. A store that fails or is slow
 * leaves them waiting (retried at the next flush), up to `bufferSize`; beyond it new entries are dropped,
 * and counted by the owner. Two writes of one entry before a flush become one.
 */
export class DeliveryLogBuffer {
  private readonly pending = new Map<string, CinnoxDeliveryLogEntry>();
  private flushing?: Promise<boolean>;
  private timer?: NodeJS.Timeout;
  private soon = false;

  constructor(
    private readonly write: (batch: readonly CinnoxDeliveryLogEntry[]) => void | PromiseLike<void>,
    private readonly limits: DeliveryLogBufferLimits,
    private readonly events: DeliveryLogBufferEvents,
  ) {}

  /** Entries waiting to be written. */
  get size(): number {
    return this.pending.size;
  }

  /** Flushes every `flushIntervalMs` from now on; the timer never keeps the process alive. */
  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.limits.flushIntervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Holds `entry` for the next flush; false when it was dropped (the buffer is full). */
  push(entry: CinnoxDeliveryLogEntry): boolean {
    const known = this.pending.get(entry.id);
    if (known === undefined && this.pending.size >= this.limits.bufferSize) {
      this.events.dropped();
      return false;
    }
    this.pending.set(entry.id, latestEntry(known, entry));
    if (this.pending.size >= this.limits.batchSize && !this.soon && !this.flushing) {
      // Not now: the caller may be answering a request.
      this.soon = true;
      setImmediate(() => {
        this.soon = false;
        void this.flush();
      });
    }
    return true;
  }

  /** Forgets the waiting entries `matches` picks; returns how many. */
  remove(matches: (entry: CinnoxDeliveryLogEntry) => boolean): number {
    let removed = 0;
    for (const [id, entry] of this.pending) {
      if (matches(entry) && this.pending.delete(id)) removed++;
    }
    return removed;
  }

  /** Resolves once no write is under way (its result does not matter). */
  async idle(): Promise<void> {
    await this.flushing;
  }

  /**
   * Writes waiting entries, batch after batch, until none wait or a write fails; resolves true when none
   * wait. A flush under way is joined, not doubled.
   */
  flush(): Promise<boolean> {
    this.flushing ??= this.writeAll().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Flushes until nothing waits, a write fails, or `deadline` (ms since the epoch) passes; true when nothing waits. */
  async drain(deadline: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))));
    try {
      return await Promise.race([this.flush(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async writeAll(): Promise<boolean> {
    while (this.pending.size > 0) {
      const batch: CinnoxDeliveryLogEntry[] = [];
      for (const entry of this.pending.values()) {
        batch.push(entry);
        if (batch.length === this.limits.batchSize) break;
      }
      try {
        await this.write(batch);
      } catch (error) {
        this.events.failed(error);
        return false;
      }
      // An entry written again meanwhile stays for the next batch.
      for (const entry of batch) if (this.pending.get(entry.id) === entry) this.pending.delete(entry.id);
      this.events.written(batch.length);
    }
    return true;
  }
}
