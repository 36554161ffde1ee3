import type {
  CinnoxCallEndInput,
  CinnoxCallEndOutcome,
  CinnoxCallPage,
  CinnoxCallQuery,
  CinnoxCallRecord,
  CinnoxCallReportInput,
  CinnoxCallReportOutcome,
  CinnoxCallStartInput,
  CinnoxCallStartOutcome,
  CinnoxCallStoreTimes,
  CinnoxRecordingStatus,
} from './cinnox-call-record.interface.js';
import type { CinnoxReportedCall } from '../hooks/call/cinnox-reported-call.interface.js';

/** What `leaseWindow()` did: `leased` (the caller reconciles it), `held` by another owner, or `done` already. */
export type CinnoxWindowLease = 'leased' | 'held' | 'done';

/**
 * Where the call tracker keeps its records; also the DI token. Each write is one atomic step across
 * everything sharing the store, and that step alone decides that a call completes or goes stale once.
 * Methods return plain values when they need not wait (the in-memory store), promises (any thenable) otherwise.
 * @publicApi
 */
export abstract class CinnoxCallStore {
  /** Records a start: a new active record, the missing half of an ended one, or nothing if known. */
  abstract start(start: CinnoxCallStartInput, times: CinnoxCallStoreTimes): CinnoxCallStartOutcome | PromiseLike<CinnoxCallStartOutcome>;

  /** Records an end: completes an active, stale or unknown call once; later ends change nothing. */
  abstract end(end: CinnoxCallEndInput, times: CinnoxCallStoreTimes): CinnoxCallEndOutcome | PromiseLike<CinnoxCallEndOutcome>;

  /**
   * Completes from CINNOX's report a call the webhooks did not complete, once: an unknown call gets an ended
   * record with the report's times (`added`), an active or stale one ends at the report's end (`completed`);
   * either becomes `source: 'report'` with `cinnox` kept. An ended call is left as it is (`completion` null),
   * so a late webhook end and a second pass complete nothing again.
   */
  abstract report(call: CinnoxCallReportInput, times: CinnoxCallStoreTimes): CinnoxCallReportOutcome | PromiseLike<CinnoxCallReportOutcome>;

  /**
   * Takes the lease on reconcile window `key` for `owner` until `until` (ms) unless another owner holds an
   * unexpired one (`held`) or the window was finished (`done`); a lease of the same owner is renewed (an
   * `until` at or before `times.now` releases it).
   */
  abstract leaseWindow(
    key: string,
    owner: string,
    until: number,
    times: CinnoxCallStoreTimes,
  ): CinnoxWindowLease | PromiseLike<CinnoxWindowLease>;

  /** Marks reconcile window `key` finished (kept `retentionMs`), so a resumed pass skips it. */
  abstract finishWindow(key: string, times: CinnoxCallStoreTimes): void | PromiseLike<void>;

  /**
   * Sets the recording outcome of call `id`, whatever its status; returns its record. A call not known yet
   * gets a hidden placeholder (kept `retentionMs`) that its later start or end takes over, so the outcome is
   * kept; `get()` and `list()` show it from then on, and undefined is returned meanwhile.
   */
  abstract recording(
    id: string,
    outcome: CinnoxRecordingStatus,
    times: CinnoxCallStoreTimes,
  ): CinnoxCallRecord | undefined | PromiseLike<CinnoxCallRecord | undefined>;

  /**
   * Settles ended call `id` once: keeps `cinnox` (what CINNOX's reports say, or null when they had nothing) and
   * `settledAt` (`times.now`) and returns the record; undefined when the call is not ended, unknown, or already
   * settled, so one caller only, across everything sharing the store, emits `call.settled`.
   */
  abstract settle(
    id: string,
    cinnox: CinnoxReportedCall | null,
    times: CinnoxCallStoreTimes,
  ): CinnoxCallRecord | undefined | PromiseLike<CinnoxCallRecord | undefined>;

  /** Says the completion of `id` by `deliveryId` reached every listener, so that delivery no longer repeats it. */
  abstract confirm(id: string, deliveryId: string): void | PromiseLike<void>;

  /**
   * Turns up to `limit` active calls started at or before `startedBefore` into stale ones and returns
   * them; a call is returned to one caller only.
   */
  abstract claimStale(
    startedBefore: number,
    limit: number,
    times: CinnoxCallStoreTimes,
  ): CinnoxCallRecord[] | PromiseLike<CinnoxCallRecord[]>;

  /** The record of `id`, or undefined when unknown or expired. */
  abstract get(id: string): CinnoxCallRecord | undefined | PromiseLike<CinnoxCallRecord | undefined>;

  /**
   * Records matching `query` (status, time range, party), the most recently first seen first, at most
   * `query.limit`, continuing after `query.cursor` (a `nextCursor` this store made; another is refused with a
   * `CinnoxOptionsError`), with a `nextCursor` when more match.
   */
  abstract list(query: Required<Pick<CinnoxCallQuery, 'limit'>> & CinnoxCallQuery): CinnoxCallPage | PromiseLike<CinnoxCallPage>;

  /** How many calls are active now (stale ones excluded). */
  abstract countActive(): number | PromiseLike<number>;
}
