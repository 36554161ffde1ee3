import type { CinnoxHookName } from './cinnox-hook-name.js';

/**
 * Why deliveries of a hook could not have been received: `no-replica` (no replica wrote a heartbeat for more
 * than three intervals), `subscription-inactive` (no running replica had the hook's subscription in place:
 * never confirmed since start, or refused) or `silence` (nothing arrived for longer than
 * `subscription.maxSilenceMs`). A merged gap carries the reason that covers most of it.
 * @publicApi
 */
export type CinnoxCoverageGapReason = 'no-replica' | 'subscription-inactive' | 'silence';

/**
 * An interval in which deliveries of a hook could not have been received, as `CinnoxCoverage.gaps()` lists
 * it. Touching or overlapping intervals of one hook are one gap.
 * @publicApi
 */
export interface CinnoxCoverageGap {
  /** The hook, e.g. `call`. */
  readonly hook: CinnoxHookName | (string & {});
  /** When the gap began (the last heartbeat known to be covered). */
  readonly from: Date;
  /** When it ended (the first heartbeat covered again, or the last replica's shutdown). */
  readonly to: Date;
  readonly reason: CinnoxCoverageGapReason;
}

/**
 * Payload of `cinnox.coverage.gap`: a coverage gap closed. Emitted once across the replicas sharing the
 * coverage store, by the one that closed it.
 * @publicApi
 */
export class CinnoxCoverageGapEvent implements CinnoxCoverageGap {
  constructor(
    /** The hook, e.g. `call`. */
    readonly hook: CinnoxHookName | (string & {}),
    /** When the gap began. */
    readonly from: Date,
    /** When it ended. */
    readonly to: Date,
    /** Why nothing could be received. */
    readonly reason: CinnoxCoverageGapReason,
  ) {}
}
