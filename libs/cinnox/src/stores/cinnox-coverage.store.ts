import type { CinnoxCoverageGap } from '../domain/cinnox-coverage-gap.event.js';
import type { CinnoxCoverageGapQuery, CinnoxCoverageHeartbeat, CinnoxCoverageProgress } from './cinnox-coverage-record.interface.js';

/**
 * Where coverage (the `coverage` option) keeps the replicas' heartbeats, the progress of turning them into
 * gaps, and the closed gaps; also the DI token (null when the option is unset). Share one between replicas:
 * `advance()` is the one atomic step that decides which replica closes (and announces) a gap. Methods return
 * plain values when they need not wait (the in-memory store), promises (any thenable) otherwise.
 * @publicApi
 */
export abstract class CinnoxCoverageStore {
  /** Records a heartbeat (a second one of the same replica at the same time replaces the first). */
  abstract beat(heartbeat: CinnoxCoverageHeartbeat): void | PromiseLike<void>;

  /** Every replica's heartbeats later than `after`, oldest first. */
  abstract heartbeats(after: Date): CinnoxCoverageHeartbeat[] | PromiseLike<CinnoxCoverageHeartbeat[]>;

  /** The progress last written by `advance()`, or `{ version: 0, data: null }`. */
  abstract progress(): CinnoxCoverageProgress | PromiseLike<CinnoxCoverageProgress>;

  /**
   * If the progress is still at `version`, writes `data` as version `version + 1` and adds `closed` to the
   * gaps, as one step, and returns true; otherwise (another replica advanced first) changes nothing and
   * returns false.
   */
  abstract advance(version: number, data: unknown, closed: readonly CinnoxCoverageGap[]): boolean | PromiseLike<boolean>;

  /** Gaps matching `query`, the most recently ended first. */
  abstract gaps(query: CinnoxCoverageGapQuery & { limit: number }): CinnoxCoverageGap[] | PromiseLike<CinnoxCoverageGap[]>;

  /** Deletes at most `batchSize` heartbeats older than `before`; returns how many (fewer: none left). */
  abstract deleteHeartbeatsBefore(before: Date, batchSize: number): number | PromiseLike<number>;

  /** Deletes at most `batchSize` gaps that ended before `before`; returns how many (fewer: none left). */
  abstract deleteGapsBefore(before: Date, batchSize: number): number | PromiseLike<number>;
}
