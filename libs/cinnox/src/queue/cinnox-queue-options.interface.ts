import type { ConnectionOptions } from 'bullmq';

/**
 * Options of `CinnoxQueueModule.forRoot()` (or what `forRootAsync()`'s factory returns).
 * @publicApi
 */
export interface CinnoxQueueOptions {
  /**
   * Connection of the webhook's producer, as BullMQ recommends for code answering HTTP: fail fast when
   * Redis is offline (`enableOfflineQueue: false`) so the webhook answers 503 at once. Unset: the
   * connection of `BullModule.forRoot()`.
   */
  producerConnection?: ConnectionOptions;
  /**
   * Connection of the worker: BullMQ wants `maxRetriesPerRequest: null` there (it sets it itself) and
   * keeps waiting for Redis. Unset: the connection of `BullModule.forRoot()`.
   */
  workerConnection?: ConnectionOptions;
  /**
   * Run a worker in this process; false for web-only replicas (run workers in other processes that
   * import the same modules).
   * @default true
   */
  worker?: boolean;
  /** Attempts per notification before it goes to the dead-letter queue. @default 5 */
  attempts?: number;
  /** First retry delay in ms, doubling per attempt. @default 1000 */
  backoffMs?: number;
  /**
   * Jobs a worker runs at once. A worker beside the webhook in one process shares its event loop with the
   * requests in flight, so it needs about as many jobs in flight as CINNOX has deliveries in flight to keep
   * up (with 10 it fell behind under load, see docs/BENCHMARKS.md); lower it if listeners must not run that
   * many at once. @default 50
   */
  concurrency?: number;
  /**
   * Group commit: how long the webhook collects the jobs of deliveries arriving together before storing
   * them in one Redis round trip (`addBulk`). 0 flushes once the current I/O phase is done (`setImmediate`),
   * which batches whatever arrived at once and delays a lone delivery by no timer; above 0 a batch waits
   * that many ms for more. Each delivery still answers 2xx only once Redis stored its batch, and a failed
   * batch answers 503 to every delivery in it. Must be less than `enqueueTimeoutMs`, or start-up fails.
   * @default 0
   */
  batchWindowMs?: number;
  /** Most jobs in one group commit: a batch reaching it is stored at once. @default 100 */
  maxBatch?: number;
  /** How long finished jobs (and so their ids, the dedupe keys) are kept, in ms. @default 86400000 */
  retentionMs?: number;
  /** Longest wait for Redis to store a job before the webhook answers 503. @default 2000 */
  enqueueTimeoutMs?: number;
  /**
   * How long a worker holds a job; a job whose worker died is retried once this lapses and the next
   * stalled check runs. @default 30000
   */
  lockDurationMs?: number;
  /** How often workers look for jobs whose worker died. @default 30000 */
  stalledIntervalMs?: number;
  /**
   * Bounds of the dead-letter queue (`cinnox-events-dead`): a dead letter older than `maxAgeMs` is
   * removed, and only the newest `maxCount` are kept. Dead letters wait with no worker, so the library trims
   * them each time one arrives; a host that runs a worker on that queue gets the same bounds as
   * `removeOnComplete` / `removeOnFail`. @default { maxAgeMs: 604800000 (7 days), maxCount: 10000 }
   */
  deadLetter?: CinnoxDeadLetterOptions;
}

/**
 * Bounds of the dead-letter queue, in `CinnoxQueueOptions.deadLetter`.
 * @publicApi
 */
export interface CinnoxDeadLetterOptions {
  /** Longest a dead letter is kept, in ms. @default 604800000 (7 days) */
  maxAgeMs?: number;
  /** Most dead letters kept (the oldest go first). @default 10000 */
  maxCount?: number;
}
