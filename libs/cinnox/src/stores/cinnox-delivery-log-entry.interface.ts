import type { CinnoxListenerFailure } from './cinnox-listener-failure.interface.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';

/**
 * What became of one logged delivery: `delivered` (every listener of every event settled), `failed` (inline
 * mode, or a replay: some listener threw or rejected), `queued` (queue mode: stored for the workers, retries
 * included) or `dead-lettered` (queue mode: out of attempts).
 * @publicApi
 */
export type CinnoxDeliveryOutcome = 'delivered' | 'failed' | 'queued' | 'dead-lettered';

/** An event the delivery led to that its hook did not make from the body (e.g. `call.completed`). @publicApi */
export interface CinnoxDerivedEvent {
  /** The event name, from `CinnoxEvent`. */
  readonly name: string;
  readonly eventId: string;
  /** The payload as emitted (an event class instance; phone numbers masked with `maskPhoneNumbers`). */
  readonly payload: object;
}

/**
 * One delivery the webhook accepted, as the delivery log keeps it.
 * @publicApi
 */
export interface CinnoxDeliveryLogEntry {
  /** Unique per entry; in queue mode derived from the job's dedupe key, so the worker updates the same entry. */
  readonly id: string;
  /** The hook whose route received it. */
  readonly hook: CinnoxHookName;
  /** When the webhook received it. */
  readonly receivedAt: Date;
  /** The body as validated, as plain JSON (phone numbers masked with `maskPhoneNumbers`). */
  readonly body: Readonly<Record<string, unknown>>;
  /** The ids of the events it led to: its own (the dedupe key) first, then those of `derived`. */
  readonly eventIds: readonly string[];
  /** The derived events it led to, so a replay re-emits exactly those. */
  readonly derived: readonly CinnoxDerivedEvent[];
  /** The call it is about (any of its events' `callId`), or null; what `eraseCall()` matches. */
  readonly callId: string | null;
  /** True for a redelivery the dedupe store acknowledged without emitting anything (inline mode). */
  readonly duplicate: boolean;
  readonly outcome: CinnoxDeliveryOutcome;
  /** The listeners that failed (outcome `failed` or `dead-lettered`, the last attempt's); empty otherwise. */
  readonly failures: readonly CinnoxListenerFailure[];
  /** When the entry was last written (its outcome set). */
  readonly updatedAt: Date;
}

/**
 * Which entries `CinnoxDeliveryLog.list()` returns, oldest receipt first.
 * @publicApi
 */
export interface CinnoxDeliveryLogQuery {
  /** Received at or after. */
  from?: Date;
  /** Received before. */
  to?: Date;
  hook?: CinnoxHookName;
  /** Only `failed` and `dead-lettered` entries. */
  failedOnly?: boolean;
  /**
   * Most entries in the page, 1 to 1000.
   * @default 100
   */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** One page of entries. @publicApi */
export interface CinnoxDeliveryLogPage {
  readonly entries: readonly CinnoxDeliveryLogEntry[];
  /** Present when more entries match: pass it as `cursor` for the next page. */
  readonly nextCursor?: string;
}
