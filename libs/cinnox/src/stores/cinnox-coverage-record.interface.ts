import type { CinnoxCoverageGap } from '../domain/cinnox-coverage-gap.event.js';

/**
 * One replica's heartbeat, as the coverage store keeps it.
 * @publicApi
 */
export interface CinnoxCoverageHeartbeat {
  /** The replica's id, random per process. */
  readonly replica: string;
  readonly at: Date;
  /** The enabled hooks whose subscription this replica had in place at `at`. */
  readonly active: readonly string[];
  /**
   * With `coverage.silence`: per hook, the later of its last notification on this replica and its
   * subscription's activation.
   */
  readonly heardAt?: Readonly<Record<string, Date>>;
}

/**
 * How far the replicas sharing a store have turned heartbeats into gaps: `data` is plain JSON the library
 * reads and writes (the store keeps it as given), `version` counts the writes (0: nothing written yet).
 * @publicApi
 */
export interface CinnoxCoverageProgress {
  readonly version: number;
  readonly data: unknown;
}

/**
 * Which gaps `CinnoxCoverage.gaps()` lists: those overlapping `[from, to)`, of `hook` when set, the most
 * recently ended first, at most `limit` (1 to 1000).
 * @publicApi
 */
export interface CinnoxCoverageGapQuery {
  readonly from?: Date;
  readonly to?: Date;
  readonly hook?: CinnoxCoverageGap['hook'];
  /** @default 100 */
  readonly limit?: number;
}
