import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { CINNOX_CLOCK, CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { coverageGapClosed, coverageOff, coverageStoreFailed, coverageStoreRecovered } from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import { CinnoxCoverageGapEvent, type CinnoxCoverageGap } from '../domain/cinnox-coverage-gap.event.js';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { onceListening } from '../net/once-listening.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import type { CinnoxCoverageGapQuery, CinnoxCoverageHeartbeat } from '../stores/cinnox-coverage-record.interface.js';
import { checkGapQuery } from './check-gap-query.js';
import { deleteInBatches } from './delete-in-batches.js';
import { replicaHeartbeat } from './replica-heartbeat.js';
import { closeAll, MISSED_BEATS, readFrom, readProgress, settle, type CoverageSettings, type OpenGap } from './coverage-progress.js';

// What the health indicator shows per hook, and how many gaps a refresh reads for it.
const RECENT_PER_HOOK = 5;
const RECENT_READ = 100;
const RETENTION_EVERY_MS = 60_000;

/**
 * Coverage (`coverage` option): each replica writes a heartbeat every `heartbeatIntervalMs` with the hooks
 * whose subscription it has in place, and turns the heartbeats of every replica sharing the store into the
 * gaps in which a hook could not have received anything. Each closed gap is emitted once
 * (`cinnox.coverage.gap`, by the replica whose step closed it), counted (`cinnox_coverage_gaps_total`,
 * `cinnox_coverage_gap_seconds_total`), logged at warn, and listed by `gaps()`.
 * @publicApi
 */
@Injectable()
export class CinnoxCoverage implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Whether the `coverage` option is set. */
  readonly enabled: boolean;
  /** This process's id in the heartbeats. */
  readonly replica = randomUUID();
  private readonly logger = new Logger('CinnoxCoverage');
  private readonly options?: NonNullable<CinnoxResolvedOptions['coverage']>;
  private readonly settings: CoverageSettings;
  private timer?: NodeJS.Timeout;
  private detach?: () => void;
  // Heartbeats are written in order, each on its own, so a slow settling step never delays the next one.
  private beating: Promise<void> = Promise.resolve();
  private beatsWaiting = 0;
  private settling?: Promise<void>;
  private stopped = false;
  private retainedAt = -Infinity;
  // Which of the two writes failed last time; the store is failing while either did.
  private readonly failed = { beat: false, settle: false };
  private recentGaps = new Map<string, CinnoxCoverageGap[]>();
  private openGaps: Record<string, OpenGap> = {};

  /** @internal */
  constructor(
    @Inject(CINNOX_RESOLVED_OPTIONS) options: CinnoxResolvedOptions,
    private readonly status: CinnoxStatus,
    private readonly metrics: CinnoxMetrics,
    private readonly dispatch: CinnoxListenerDispatch,
    private readonly shutdown: CinnoxGracefulShutdown,
    private readonly adapterHost: HttpAdapterHost,
    @Optional() @Inject(CINNOX_CLOCK) private readonly clock: () => number = Date.now,
  ) {
    this.options = options.coverage;
    this.enabled = this.options !== undefined;
    this.settings = {
      hooks: status.hooks,
      intervalMs: this.options?.heartbeatIntervalMs ?? 1000,
      maxSilenceMs: this.options?.silence ? options.subscription?.maxSilenceMs : undefined,
    };
  }

  /**
   * Closed gaps overlapping `[from, to)`, of `hook` when set, the most recently ended first.
   * @param query time window, hook and `limit` (1 to 1000, default 100).
   */
  async gaps(query: CinnoxCoverageGapQuery = {}): Promise<CinnoxCoverageGap[]> {
    const { store } = this.on();
    return store.gaps(checkGapQuery(query));
  }

  /** The last closed gaps of `hook` (at most 5, the most recent first), as read at the last heartbeat. */
  recent(hook: string): readonly CinnoxCoverageGap[] {
    return this.recentGaps.get(hook) ?? [];
  }

  /** Since when `hook` has been uncovered, if a gap of it is open (as read at the last heartbeat). */
  uncoveredSince(hook: string): Date | undefined {
    const open = this.openGaps[hook];
    return open ? new Date(open.from) : undefined;
  }

  /** True while the store fails (from a failed heartbeat until one succeeds). */
  get failing(): boolean {
    return this.failed.beat || this.failed.settle;
  }

  // A replica counts once it can receive: from when its server listens (a queue worker without one never beats).
  onApplicationBootstrap(): void {
    if (!this.options) return;
    this.detach = onceListening(this.adapterHost, () => this.start());
  }

  // After the drain (every beforeApplicationShutdown hook): the last replica to stop closes the open gaps,
  // since nothing would settle them until the next start. Bounded by the shutdown grace period.
  async onApplicationShutdown(): Promise<void> {
    if (!this.options || this.stopped) return;
    this.stopped = true;
    this.detach?.();
    clearInterval(this.timer);
    // Never listened: it wrote no heartbeat, and has nothing to close.
    if (this.timer === undefined) return;
    await Promise.all([this.beating, this.settling]);
    const deadline = this.shutdown.deadline ?? this.clock() + 1000;
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timeout = setTimeout(resolve, Math.max(0, deadline - this.clock()))));
    const last = async (): Promise<void> => {
      await this.options!.store.beat(this.heartbeat(this.clock()));
      await this.settle(true);
    };
    await Promise.race([last().catch((error: unknown) => this.outcome('settle', error)), late]);
    clearTimeout(timeout);
  }

  private start(): void {
    if (this.stopped) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.settings.intervalMs);
    // Heartbeats never keep the process alive: the server does while it serves.
    this.timer.unref();
  }

  private tick(): void {
    const { store } = this.options!;
    // A store that hangs: the heartbeats of the last three intervals wait, later ones are not kept waiting too.
    if (this.beatsWaiting < MISSED_BEATS) {
      const heartbeat = this.heartbeat(this.clock());
      this.beatsWaiting++;
      this.beating = this.beating
        .then(() => store.beat(heartbeat))
        .then(
          () => this.outcome('beat'),
          (error: unknown) => this.outcome('beat', error),
        )
        .finally(() => this.beatsWaiting--);
    }
    this.settling ??= this.beating
      .then(() => this.settle(false))
      .then(
        () => this.outcome('settle'),
        (error: unknown) => this.outcome('settle', error),
      )
      .finally(() => (this.settling = undefined));
  }

  /** Settles what the heartbeats now tell, then deletes old data and reads the recent gaps. */
  private async settle(last: boolean): Promise<void> {
    const { store } = this.options!;
    const now = this.clock();
    const window = MISSED_BEATS * this.settings.intervalMs;
    // The last to stop settles up to now and closes what is open; otherwise up to what is known to be settled.
    const closing = last && !(await this.othersLive(now - window));
    const { version, data } = await store.progress();
    const progress = readProgress(data);
    const beats = await store.heartbeats(new Date(readFrom(progress, this.settings)));
    let { progress: next, closed } = settle(progress, beats, this.settings, closing ? now : now - window);
    if (closing) {
      const rest = closeAll(next, now);
      next = rest.progress;
      closed = [...closed, ...rest.closed];
    }
    // Another replica advanced first: it settled the same heartbeats; the next step goes on from there.
    if (!(await store.advance(version, next, closed))) return;
    this.openGaps = next.open;
    for (const gap of closed) this.announce(gap);
    if (last) return;
    await this.retain(readFrom(next, this.settings) - window, now);
    await this.readRecent();
  }

  private heartbeat(now: number): CinnoxCoverageHeartbeat {
    return replicaHeartbeat(this.status, this.replica, new Date(now), this.settings.maxSilenceMs !== undefined);
  }

  private async othersLive(since: number): Promise<boolean> {
    const beats = await this.options!.store.heartbeats(new Date(since));
    return beats.some((beat) => beat.replica !== this.replica);
  }

  private announce(gap: CinnoxCoverageGap): void {
    const event = new CinnoxCoverageGapEvent(gap.hook, gap.from, gap.to, gap.reason);
    this.metrics.coverageGap(gap.hook, gap.reason, (gap.to.getTime() - gap.from.getTime()) / 1000);
    this.logger.warn(escapeControlChars(coverageGapClosed(gap.hook, gap.from, gap.to, gap.reason)));
    void this.dispatch.emit(CinnoxEvent.CoverageGap, event, `coverage:${gap.hook}:${gap.from.toISOString()}`);
  }

  // Heartbeats are read again only after `heartbeatsBefore`; gaps are kept `retentionMs`. At most once a minute.
  private async retain(heartbeatsBefore: number, now: number): Promise<void> {
    if (now - this.retainedAt < RETENTION_EVERY_MS) return;
    this.retainedAt = now;
    const { store, retentionMs } = this.options!;
    await deleteInBatches((batchSize) => store.deleteHeartbeatsBefore(new Date(heartbeatsBefore), batchSize));
    await deleteInBatches((batchSize) => store.deleteGapsBefore(new Date(now - retentionMs), batchSize));
  }

  private async readRecent(): Promise<void> {
    const recent = new Map<string, CinnoxCoverageGap[]>();
    for (const gap of await this.options!.store.gaps({ limit: RECENT_READ })) {
      const own = recent.get(gap.hook) ?? [];
      if (own.length < RECENT_PER_HOOK) recent.set(gap.hook, [...own, gap]);
    }
    this.recentGaps = recent;
  }

  // One line when the store stops answering and one when it answers again, not one per heartbeat.
  private outcome(write: keyof CinnoxCoverage['failed'], error?: unknown): void {
    const wasFailing = this.failing;
    this.failed[write] = error !== undefined;
    if (!wasFailing && this.failing)
      this.logger.warn(escapeControlChars(coverageStoreFailed(error instanceof Error ? error.message : String(error))));
    else if (wasFailing && !this.failing) this.logger.log(coverageStoreRecovered());
  }

  private on(): NonNullable<CinnoxResolvedOptions['coverage']> {
    if (!this.options) throw new CinnoxOptionsError('coverage', coverageOff());
    return this.options;
  }
}
