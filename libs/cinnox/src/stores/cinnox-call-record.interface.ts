import type { CinnoxCallParty } from '../hooks/call/cinnox-call-party.interface.js';
import type { CinnoxReportedCall } from '../hooks/call/cinnox-reported-call.interface.js';

// The stores speak it to the machinery, which knows no hook folder.
export type { CinnoxReportedCall };

/**
 * Where a call record came from: the webhooks (`webhook`), or CINNOX's reports (`report`), for a call the
 * webhooks never told of or whose end they missed, completed by a reconcile pass.
 * @publicApi
 */
export type CinnoxCallSource = 'webhook' | 'report';

/**
 * Where a tracked call stands: `active` (started, not ended), `ended` (its end arrived, with or without
 * its start), `stale` (started and silent for longer than `calls.maxCallDurationMs`; a late end still ends it).
 * @publicApi
 */
export type CinnoxCallStatus = 'active' | 'ended' | 'stale';

/**
 * Outcome of the call's recording, once known (the recording hook fills it in); null until then.
 * @publicApi
 */
export type CinnoxRecordingStatus = 'success' | 'fail';

/**
 * One call as the tracker knows it, both halves paired.
 * @publicApi
 */
export interface CinnoxCallRecord {
  /** CINNOX's call ID. */
  readonly id: string;
  /** CINNOX's service ID. */
  readonly serviceId: string;
  /** Who called; null when CINNOX sent no caller or the start has not arrived. */
  readonly caller: CinnoxCallParty | null;
  /** Who was called; empty when unknown. */
  readonly callees: readonly CinnoxCallParty[];
  /** When the start was received; null until it is. */
  readonly startedAt: Date | null;
  /** When the end was received; null until it is. */
  readonly endedAt: Date | null;
  /** `endedAt - startedAt` in ms, fixed when the end arrives; null when the start came after the end, or never. */
  readonly durationMs: number | null;
  readonly status: CinnoxCallStatus;
  /** The recording's outcome; null while unknown. */
  readonly recordingStatus: CinnoxRecordingStatus | null;
  /** Where the record came from; `webhook` for every call the webhooks told of. */
  readonly source: CinnoxCallSource;
  /** What CINNOX's reports say of the call, once settled (`calls.settle`); null before, or when they had no record. */
  readonly cinnox: CinnoxReportedCall | null;
  /** When the call was settled (`call.settled` emitted); null until then. */
  readonly settledAt: Date | null;
}

/** A start half, as the tracker hands it to its store. */
export interface CinnoxCallStartInput {
  readonly id: string;
  readonly serviceId: string;
  readonly caller: CinnoxCallParty | null;
  readonly callees: readonly CinnoxCallParty[];
  /** Receipt time, ms since the epoch. */
  readonly startedAt: number;
}

/** An end half, as the tracker hands it to its store. */
export interface CinnoxCallEndInput {
  readonly id: string;
  readonly serviceId: string;
  /** Receipt time, ms since the epoch. */
  readonly endedAt: number;
  /**
   * Identifies this delivery of the end across retries of one queue job (the job id); unset inline. The
   * delivery that completed a call may complete it again until `confirm()` says its event was delivered.
   */
  readonly deliveryId?: string;
}

/** A call CINNOX's call log shows ended, as a reconcile pass hands it to the store (`CinnoxCallStore.report()`). */
export interface CinnoxCallReportInput {
  readonly id: string;
  readonly serviceId: string;
  /** The caller, when the report names one. */
  readonly caller: CinnoxCallParty | null;
  readonly callees: readonly CinnoxCallParty[];
  /** CINNOX's start (`callDate`), ms since the epoch; null when it gave none. */
  readonly startedAt: number | null;
  /** CINNOX's end (`callEndTime`), ms since the epoch. */
  readonly endedAt: number;
  /** What the report says of the call. */
  readonly cinnox: CinnoxReportedCall;
}

/**
 * What `CinnoxCallStore.report()` did: `added` a call the store did not know, `completed` an active or stale
 * one, or nothing (null: the call had ended already).
 */
export interface CinnoxCallReportOutcome {
  readonly completion: 'added' | 'completed' | null;
  readonly record: CinnoxCallRecord;
}

/** Times every store operation gets from the tracker (so stores hold no configuration of their own). */
export interface CinnoxCallStoreTimes {
  /** The tracker's clock, ms since the epoch. */
  readonly now: number;
  /** How long an ended or stale record is kept, in ms. */
  readonly retentionMs: number;
  /** How long an active record is kept without news (`maxCallDurationMs + retentionMs`), in ms. */
  readonly activeTtlMs: number;
}

/** What a start did: `started` a new record, `filled` in an ended one, or nothing (`duplicate`). */
export interface CinnoxCallStartOutcome {
  readonly change: 'started' | 'filled' | 'duplicate';
  readonly record: CinnoxCallRecord;
}

/**
 * What an end did: `first` completed the call now; `repeat` is the same delivery (`deliveryId`) completing
 * it again because its completion was never confirmed; null: the call was already completed.
 */
export interface CinnoxCallEndOutcome {
  readonly completion: 'first' | 'repeat' | null;
  readonly record: CinnoxCallRecord;
}

/**
 * Query of `CinnoxCallTracker.list()` and `page()`: every field narrows, newest first seen first.
 * @publicApi
 */
export interface CinnoxCallQuery {
  /** Only calls in this status. Unset: all. */
  status?: CinnoxCallStatus;
  /** Only calls whose start (or, with no start, end) was received at or after this time. */
  from?: Date;
  /** Only calls whose start (or, with no start, end) was received before this time. */
  to?: Date;
  /** Only calls with this party: the `number` or `eid` of the caller or of a callee, exactly. */
  party?: string;
  /** Most records returned, 1 to 1000. @default 100 */
  limit?: number;
  /** `nextCursor` of the previous page (`page()`), from the same store. */
  cursor?: string;
}

/** One page of call records. @publicApi */
export interface CinnoxCallPage {
  readonly records: CinnoxCallRecord[];
  /** Present when more records match: pass it as `cursor` for the next page. */
  readonly nextCursor?: string;
}
