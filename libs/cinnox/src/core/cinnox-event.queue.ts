import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';

/** One validated notification on its way to the listeners, as a queue stores it (plain JSON). */
export interface CinnoxEventJob {
  /** The hook whose route received it. */
  readonly hook: CinnoxHookName;
  /** The dedupe key (also the events' `eventId`). */
  readonly key: string;
  /** The notification as validated, as plain JSON. */
  readonly body: Readonly<Record<string, unknown>>;
  /** ISO time the webhook received it. */
  readonly receivedAt: string;
  /** The delivery log's entry for it (with the `deliveryLog` option), which the worker updates when the job ends. */
  readonly logEntryId?: string;
}

/**
 * Where the webhook hands notifications when they are not emitted inline: provided by
 * `CinnoxQueueModule` (`nestjs-cinnox/queue`). Absent, the webhook dedupes and emits in the request.
 * @publicApi
 */
export abstract class CinnoxEventQueue {
  /** Resolves once the job is durably stored; rejects when it could not be (the webhook answers 503). */
  abstract enqueue(job: CinnoxEventJob): Promise<void>;
}
