import type { CinnoxCoverageGap } from '../domain/cinnox-coverage-gap.event.js';
import type {
  CinnoxCoverageGapQuery,
  CinnoxCoverageHeartbeat,
  CinnoxCoverageProgress,
} from '../stores/cinnox-coverage-record.interface.js';
import { CinnoxCoverageStore } from '../stores/cinnox-coverage.store.js';
import { overlaps } from './overlaps.js';

/**
 * Coverage in this process's memory: one replica, and gaps within this process's life only (a restart
 * forgets the heartbeats, so the downtime before it is no gap). At most `maxGaps` gaps (the oldest go
 * first). Share a durable store (`CinnoxPostgresCoverageStore`) between replicas or to see downtime.
 * @publicApi
 */
export class CinnoxMemoryCoverageStore extends CinnoxCoverageStore {
  // Kept in time order: beats arrive in order from one process, and are sorted where they might not.
  private beats: CinnoxCoverageHeartbeat[] = [];
  private closed: CinnoxCoverageGap[] = [];
  private current: CinnoxCoverageProgress = { version: 0, data: null };

  /** @param maxGaps most gaps kept. @default 10000 */
  constructor(private readonly maxGaps = 10_000) {
    super();
    if (!Number.isInteger(maxGaps) || maxGaps <= 0) throw new RangeError(`maxGaps must be a positive whole number, got ${maxGaps}`);
  }

  beat(heartbeat: CinnoxCoverageHeartbeat): void {
    const at = heartbeat.at.getTime();
    this.beats = this.beats.filter((one) => one.replica !== heartbeat.replica || one.at.getTime() !== at);
    this.beats.push(heartbeat);
    if (this.beats.length > 1 && this.beats.at(-2)!.at.getTime() > at) this.beats.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  heartbeats(after: Date): CinnoxCoverageHeartbeat[] {
    return this.beats.filter((one) => one.at > after);
  }

  progress(): CinnoxCoverageProgress {
    return this.current;
  }

  advance(version: number, data: unknown, closed: readonly CinnoxCoverageGap[]): boolean {
    if (this.current.version !== version) return false;
    // A copy, as a database would keep: the caller may go on changing its own.
    this.current = { version: version + 1, data: structuredClone(data) };
    this.closed.push(...closed);
    if (this.closed.length > this.maxGaps) this.closed.splice(0, this.closed.length - this.maxGaps);
    return true;
  }

  gaps(query: CinnoxCoverageGapQuery & { limit: number }): CinnoxCoverageGap[] {
    return this.closed
      .filter((gap) => (query.hook === undefined || gap.hook === query.hook) && overlaps(gap, query))
      .sort((a, b) => b.to.getTime() - a.to.getTime() || b.from.getTime() - a.from.getTime())
      .slice(0, query.limit);
  }

  deleteHeartbeatsBefore(before: Date, batchSize: number): number {
    const old = Math.min(batchSize, this.beats.filter((one) => one.at < before).length);
    let left = old;
    this.beats = this.beats.filter((one) => !(one.at < before && left-- > 0));
    return old;
  }

  deleteGapsBefore(before: Date, batchSize: number): number {
    const old = Math.min(batchSize, this.closed.filter((gap) => gap.to < before).length);
    let left = old;
    this.closed = this.closed.filter((gap) => !(gap.to < before && left-- > 0));
    return old;
  }
}
