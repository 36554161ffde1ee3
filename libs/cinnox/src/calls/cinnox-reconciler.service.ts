import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { CINNOX_CLOCK, CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { callTrackerOff, invalidArgument, reconcileFailed } from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import { CinnoxCoverage } from '../coverage/cinnox-coverage.service.js';
import type { CinnoxCoverageGap } from '../domain/cinnox-coverage-gap.event.js';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import type { CinnoxCallStoreTimes } from '../stores/cinnox-call-record.interface.js';
import { CinnoxCallStore } from '../stores/cinnox-call.store.js';
import { CinnoxCallReportSource } from './cinnox-call-report.source.js';
import { CinnoxCallSettler } from './cinnox-call-settler.js';
import { completedEventOf } from './completed-event-of.js';
import type { CinnoxReconcileResult } from './cinnox-reconcile-result.interface.js';

// A window is reconciled an hour at a time: the unit of the lease, and of the progress a restart resumes from.
const SUB_WINDOW_MS = 3_600_000;
// A replica that stops mid-window leaves its lease to expire; one still reading renews it well before.
const LEASE_MS = 300_000;
const PERIODIC_SLACK_MS = 60_000;
const METHOD = 'CinnoxReconciler.reconcile()';

type Mode = 'gap' | 'pass';

/**
 * Reconcile passes: reads CINNOX's call log for a window and, for every call the call tracker did not see
 * complete, completes it from the report (`source: 'report'`) and emits `call.completed` once across the
 * replicas sharing the call store (a late webhook end completes nothing again). Each hour of the window is
 * leased in the call store, so one replica at a time reads it; a closed coverage gap's hours are marked done
 * there, so a gap a stopped replica left half done is resumed by the next start. Runs on demand
 * (`reconcile()`), when a coverage gap of the call hook closes, and every `reconcile.intervalMs`.
 * @publicApi
 */
@Injectable()
export class CinnoxReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CinnoxCalls');
  private readonly owner = randomUUID();
  private readonly stopped = new AbortController();
  private timer?: NodeJS.Timeout;
  // Passes the library starts by itself run one after another.
  private background: Promise<unknown> = Promise.resolve();
  private periodicRunning = false;
  private readonly onGap = (gap: CinnoxCoverageGap): void => {
    if (gap.hook === CINNOX_CALL_HOOK) this.later({ from: gap.from, to: gap.to }, 'gap');
  };

  /** @internal */
  constructor(
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    private readonly store: CinnoxCallStore,
    private readonly source: CinnoxCallReportSource,
    private readonly dispatch: CinnoxListenerDispatch,
    // Optional so that CinnoxEventEmitterCheck, not Nest's generic error, reports a missing EventEmitterModule;
    // the token named, since a union type leaves no metadata to inject by.
    @Optional() @Inject(EventEmitter2) private readonly emitter: EventEmitter2 | undefined,
    private readonly metrics: CinnoxMetrics,
    private readonly coverage: CinnoxCoverage,
    @Optional() private readonly settler?: CinnoxCallSettler,
    @Optional() private readonly shutdown?: CinnoxGracefulShutdown,
    @Optional() @Inject(CINNOX_CLOCK) private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Reads CINNOX's call log for `[from, to]` and completes from it every call the tracker did not see
   * complete; an hour of the window another replica is reconciling now is left to it.
   * @param window the window, `from` not after `to`.
   */
  async reconcile(window: { from: Date; to: Date }): Promise<CinnoxReconcileResult> {
    if (!this.options.calls.track) throw new CinnoxOptionsError('calls.track', callTrackerOff());
    checkWindow(window);
    return this.pass(window, 'pass');
  }

  onApplicationBootstrap(): void {
    if (!this.options.calls.track) return;
    const { gaps, intervalMs, lookbackMs } = this.options.reconcile;
    if (gaps && this.coverage.enabled && this.emitter) {
      this.emitter.on(CinnoxEvent.CoverageGap, this.onGap);
      void this.resumeGaps();
    }
    if (intervalMs === undefined) return;
    this.timer = setInterval(() => {
      if (this.periodicRunning) return;
      this.periodicRunning = true;
      // It stops an interval (at most a minute) short of now: an end webhook on its way completes its call, not
      // the pass; the next pass covers that stretch.
      const to = this.clock() - Math.min(intervalMs, PERIODIC_SLACK_MS);
      this.later({ from: new Date(to - lookbackMs), to: new Date(to) }, 'pass', () => (this.periodicRunning = false));
    }, intervalMs);
    // Passes never keep the process alive.
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.emitter?.off(CinnoxEvent.CoverageGap, this.onGap);
    this.stopped.abort(new Error('the app is shutting down'));
    // A pass under way (its report queries are cancelled) is waited for within the grace period only.
    const signal = this.shutdown?.signal;
    if (signal?.aborted) return;
    const over = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
    await Promise.race([this.background, over]);
  }

  // The gaps of the calls' retention: hours another replica finished are skipped, the rest read.
  private async resumeGaps(): Promise<void> {
    try {
      const from = new Date(this.clock() - this.options.calls.retentionMs);
      const gaps = await this.coverage.gaps({ hook: CINNOX_CALL_HOOK, from, limit: 1000 });
      for (const gap of gaps) this.later({ from: gap.from, to: gap.to }, 'gap');
    } catch (error) {
      this.warn(new Date(this.clock() - this.options.calls.retentionMs), new Date(this.clock()), error);
    }
  }

  private later(window: { from: Date; to: Date }, mode: Mode, done?: () => void): void {
    this.background = this.background
      .then(async () => {
        if (!this.stopped.signal.aborted) await this.pass(window, mode);
      })
      .catch((error: unknown) => {
        if (!this.stopped.signal.aborted) this.warn(window.from, window.to, error);
      })
      .finally(done);
  }

  private async pass({ from, to }: { from: Date; to: Date }, mode: Mode): Promise<CinnoxReconcileResult> {
    const total = { checked: 0, added: 0, completed: 0 };
    for (let start = from.getTime(); start <= to.getTime(); start += SUB_WINDOW_MS) {
      const end = Math.min(start + SUB_WINDOW_MS, to.getTime());
      const key = `${mode}:${new Date(start).toISOString()}/${new Date(end).toISOString()}`;
      const lease = await this.store.leaseWindow(key, this.owner, this.clock() + LEASE_MS, this.times());
      if (lease !== 'leased') continue;
      try {
        const part = await this.window(key, new Date(start), new Date(end));
        total.checked += part.checked;
        total.added += part.added;
        total.completed += part.completed;
      } catch (error) {
        // Released, so the next pass (of any replica) reads it again at once.
        await Promise.resolve(this.store.leaseWindow(key, this.owner, this.clock(), this.times())).catch(() => undefined);
        throw error;
      }
      // A gap's hour is done for good; an on-demand or periodic pass's is released, to be read again next time.
      if (mode === 'gap') await this.store.finishWindow(key, this.times());
      else await this.store.leaseWindow(key, this.owner, this.clock(), this.times());
      if (end === to.getTime()) break;
    }
    return total;
  }

  private async window(key: string, from: Date, to: Date): Promise<CinnoxReconcileResult> {
    const result = { checked: 0, added: 0, completed: 0 };
    let leasedAt = this.clock();
    for await (const call of this.source.endedCalls(from, to, this.stopped.signal)) {
      result.checked++;
      if (this.clock() - leasedAt > LEASE_MS / 2) {
        leasedAt = this.clock();
        await this.store.leaseWindow(key, this.owner, leasedAt + LEASE_MS, this.times());
      }
      const { completion, record: stored } = await this.store.report(call, this.times());
      if (completion === null) continue;
      result[completion]++;
      this.metrics.callCompleted(stored.durationMs);
      // Completed from the report, whichever source first stored the call.
      const event = completedEventOf(stored, 'report');
      await this.dispatch.emit(CinnoxEvent.CallCompleted, event, event.eventId);
      this.settler?.schedule(stored.id);
    }
    return result;
  }

  private warn(from: Date, to: Date, error: unknown): void {
    this.logger.warn(escapeControlChars(reconcileFailed(from, to, error instanceof Error ? error.message : String(error))));
  }

  private times(): CinnoxCallStoreTimes {
    const { retentionMs, maxCallDurationMs } = this.options.calls;
    return { now: this.clock(), retentionMs, activeTtlMs: maxCallDurationMs + retentionMs };
  }
}

function checkWindow(window: unknown): void {
  if (typeof window !== 'object' || window === null) throw badArgument('window', 'must be an object such as { from, to }', window);
  const { from, to } = window as { from: unknown; to: unknown };
  for (const [name, value] of [
    ['window.from', from],
    ['window.to', to],
  ] as const) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badArgument(name, 'must be a valid Date', value);
  }
  if ((to as Date).getTime() < (from as Date).getTime()) throw badArgument('window.to', 'must not be before window.from', to);
}

function badArgument(name: string, expected: string, got: unknown): CinnoxOptionsError {
  return new CinnoxOptionsError(name, invalidArgument(METHOD, name, expected, got));
}
