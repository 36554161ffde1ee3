import type { CinnoxDeliveryLogEntry, CinnoxDeliveryLogPage, CinnoxDeliveryLogQuery } from './cinnox-delivery-log-entry.interface.js';

/**
 * Where the delivery log keeps its entries; also the DI token (null when the `deliveryLog` option is unset).
 * The log writes in batches from a buffer of its own, off the webhook's response path, so a slow or failing
 * store never changes an answer. Methods return plain values when they need not wait (the in-memory store),
 * promises (any thenable) otherwise.
 * @publicApi
 */
export abstract class CinnoxDeliveryLogStore {
  /**
   * Upserts `entries` by `id`, each replacing the stored one whole, except that an entry whose stored
   * outcome is settled (anything but `queued`) is not set back to `queued` (a redelivery of a job the queue
   * still holds is written `queued` again). Rejects (or throws) when nothing could be stored: the batch is retried.
   */
  abstract write(entries: readonly CinnoxDeliveryLogEntry[]): void | PromiseLike<void>;

  /** Entries matching `query`, ordered by `receivedAt` then `id`, at most `query.limit`. */
  abstract list(query: CinnoxDeliveryLogQuery & { limit: number }): CinnoxDeliveryLogPage | PromiseLike<CinnoxDeliveryLogPage>;

  /** Deletes every entry whose `callId` is `callId`; returns how many. */
  abstract eraseCall(callId: string): number | PromiseLike<number>;

  /** Deletes at most `batchSize` entries received before `before`; returns how many (fewer: none left). */
  abstract deleteBefore(before: Date, batchSize: number): number | PromiseLike<number>;
}
