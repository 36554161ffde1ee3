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
  /** Jobs a worker runs at once. @default 10 */
  concurrency?: number;
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
}
