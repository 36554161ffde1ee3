import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import { CINNOX_CLOCK, CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { callsNotSettled, callsSettledUnreported } from '../cinnox.messages.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxListenerDispatch } from '../core/cinnox-listener-dispatch.js';
import { cinnoxEventId } from '../domain/cinnox-event-id.js';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import { CallSettledEvent } from '../hooks/call/call-settled.event.js';
import type { CinnoxReportedCall } from '../hooks/call/cinnox-reported-call.interface.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { CinnoxGracefulShutdown } from '../shutdown/cinnox-graceful-shutdown.js';
import type { CinnoxCallRecord, CinnoxCallStoreTimes } from '../stores/cinnox-call-record.interface.js';
import { CinnoxCallStore } from '../stores/cinnox-call.store.js';
import { CinnoxCallReportSource } from './cinnox-call-report.source.js';

// CINNOX dates a call by its own clock, the tracker by receipt: the window reaches this far past both ends.
const CLOCK_SLACK_MS = 120_000;
// Calls falling due this close together share one query (a quarter of the delay, at most 5 s).
const MAX_BATCH_WINDOW_MS = 5000;

interface Pending {
  // Reads made so far that did not find the call.
  misses: number;
  dueAt: number;
}

/**
 * Settles completed calls (`calls.settle`): `delayMs` after a call's end, reads CINNOX's call log (and call
 * detail) for the window of every call falling due together, keeps what CINNOX reports on each record and emits
 * `call.settled` for the calls this process settled in the store (once per call across replicas). A call not in
 * the report yet is read again, each wait twice the one before, `attempts` reads in all; then it is settled with
 * `reported: false`. Calls waiting when the process stops are not settled by it.
 */
@Injectable()
export class CinnoxCallSettler implements OnModuleDestroy {
  private readonly logger = new Logger('CinnoxCalls');
  private readonly pending = new Map<string, Pending>();
  private readonly stopped = new AbortController();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    private readonly store: CinnoxCallStore,
    private readonly source: CinnoxCallReportSource,
    private readonly dispatch: CinnoxListenerDispatch,
    @Optional() private readonly shutdown?: CinnoxGracefulShutdown,
    @Optional() @Inject(CINNOX_CLOCK) private readonly clock: () => number = Date.now,
  ) {}

  /** Calls waiting to be settled by this process. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Settles call `callId` once `calls.settle.delayMs` has passed (nothing when settling is off or it waits already). */
  schedule(callId: string): void {
    const settle = this.options.calls.settle;
    if (!settle || this.pending.has(callId) || this.stopped.signal.aborted) return;
    this.pending.set(callId, { misses: 0, dueAt: Date.now() + settle.delayMs });
    this.arm();
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.timer);
    this.stopped.abort(new Error('the app is shutting down'));
    // A read under way (its report queries are cancelled) is waited for within the grace period only.
    const signal = this.shutdown?.signal;
    if (!this.running || signal?.aborted) return;
    const over = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
    await Promise.race([this.running, over]);
  }

  private arm(): void {
    if (this.running || this.stopped.signal.aborted) return;
    clearTimeout(this.timer);
    const next = Math.min(...[...this.pending.values()].map((call) => call.dueAt));
    if (next === Infinity) return;
    // unref: waiting calls never keep the process alive.
    this.timer = setTimeout(
      () => {
        this.running = this.run().finally(() => {
          this.running = undefined;
          this.arm();
        });
      },
      Math.max(0, next - Date.now()),
    ).unref();
  }

  private async run(): Promise<void> {
    const { delayMs, attempts } = this.options.calls.settle!;
    const horizon = Date.now() + Math.min(MAX_BATCH_WINDOW_MS, delayMs / 4);
    const due = [...this.pending].filter(([, call]) => call.dueAt <= horizon).map(([id]) => id);
    let records: CinnoxCallRecord[];
    try {
      records = await this.settleable(due);
    } catch (error) {
      // The store did not answer: the calls wait as long again, no read counted.
      this.warn(due.length, error);
      for (const id of due) this.pending.get(id)!.dueAt = Date.now() + delayMs * 2 ** this.pending.get(id)!.misses;
      return;
    }
    if (records.length === 0) return;
    let reported: Map<string, CinnoxReportedCall> | undefined;
    try {
      reported = await this.source.reportedCalls(...this.window(records), this.stopped.signal);
    } catch (error) {
      if (this.stopped.signal.aborted) return;
      // Counted as a read that found nothing: the calls are tried again, and settled unreported after the last.
      this.warn(records.length, error);
    }
    for (const record of records) {
      const cinnox = reported?.get(record.id);
      const call = this.pending.get(record.id)!;
      if (cinnox === undefined && ++call.misses < attempts) {
        call.dueAt = Date.now() + delayMs * 2 ** call.misses;
        continue;
      }
      this.pending.delete(record.id);
      if (cinnox === undefined) this.logger.log(escapeControlChars(callsSettledUnreported(record.id, attempts)));
      await this.emit(record, cinnox ?? null).catch((error: unknown) => {
        // The store refused the settlement: the call waits and is read again.
        this.warn(1, error);
        this.pending.set(record.id, { ...call, dueAt: Date.now() + delayMs });
      });
    }
  }

  private warn(calls: number, error: unknown): void {
    this.logger.warn(escapeControlChars(callsNotSettled(calls, error instanceof Error ? error.message : String(error))));
  }

  // The due calls still ended and unsettled in the store (another replica may have settled one); the others go.
  private async settleable(ids: string[]): Promise<CinnoxCallRecord[]> {
    const records = await Promise.all(ids.map(async (id) => this.store.get(id)));
    return records.filter((record, i): record is CinnoxCallRecord => {
      const open = record !== undefined && record.status === 'ended' && record.settledAt === null && record.endedAt !== null;
      if (!open) this.pending.delete(ids[i]!);
      return open;
    });
  }

  // One window for the batch: from the earliest start (an end without a start may have begun up to
  // maxCallDurationMs earlier) to the latest end.
  private window(records: CinnoxCallRecord[]): [Date, Date] {
    const { maxCallDurationMs } = this.options.calls;
    const from = Math.min(...records.map((r) => r.startedAt?.getTime() ?? r.endedAt!.getTime() - maxCallDurationMs));
    const to = Math.max(...records.map((r) => r.endedAt!.getTime()));
    return [new Date(from - CLOCK_SLACK_MS), new Date(to + CLOCK_SLACK_MS)];
  }

  private async emit(record: CinnoxCallRecord, cinnox: CinnoxReportedCall | null): Promise<void> {
    const settled = await this.store.settle(record.id, cinnox, this.times());
    // Another replica settled it first: it emitted call.settled.
    if (settled === undefined) return;
    const { id, serviceId, caller, callees, startedAt, endedAt, durationMs, recordingStatus } = settled;
    const eventId = cinnoxEventId(CINNOX_CALL_HOOK, id, 'settled');
    const event = new CallSettledEvent({
      eventId,
      callId: id,
      serviceId,
      caller,
      callees,
      startedAt,
      endedAt: endedAt!,
      durationMs,
      recordingStatus,
      reported: cinnox !== null,
      cinnox,
    });
    await this.dispatch.emit(CinnoxEvent.CallSettled, event, eventId);
  }

  private times(): CinnoxCallStoreTimes {
    const { retentionMs, maxCallDurationMs } = this.options.calls;
    return { now: this.clock(), retentionMs, activeTtlMs: maxCallDurationMs + retentionMs };
  }
}
