import type { CinnoxCoverage } from '../coverage/cinnox-coverage.service.js';
import type { CinnoxCoverageGapReason } from '../domain/cinnox-coverage-gap.event.js';

/**
 * What the health indicator reports of one hook's coverage (with the `coverage` option): the gap open now, if
 * any, and the last closed ones, as this replica read them at its last heartbeat.
 * @publicApi
 */
export type CinnoxCoverageHealth = {
  /** Since when the hook has been uncovered (a gap is open), or null. */
  uncoveredSince: string | null;
  /** The last closed gaps of the hook, the most recent first (at most 5). */
  recentGaps: { from: string; to: string; reason: CinnoxCoverageGapReason }[];
  /** True while the coverage store fails (heartbeats are not written). */
  storeFailing: boolean;
};

export function toCoverageHealth(coverage: CinnoxCoverage, hook: string): CinnoxCoverageHealth {
  return {
    uncoveredSince: coverage.uncoveredSince(hook)?.toISOString() ?? null,
    recentGaps: coverage.recent(hook).map((gap) => ({ from: gap.from.toISOString(), to: gap.to.toISOString(), reason: gap.reason })),
    storeFailing: coverage.failing,
  };
}
