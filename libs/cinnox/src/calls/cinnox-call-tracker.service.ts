import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CINNOX_CLOCK, CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { callTrackerOff, invalidArgument, trackedCallTrimmed } from '../cinnox.messages.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { boundCallStart } from './bound-call-start.js';
import { completedEventOf } from './completed-event-of.js';
import { cinnoxEventId } from '../domain/cinnox-event-id.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import { isThenable } from '../async/is-thenable.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CallCompletedEvent } from '../hooks/call/call-completed.event.js';
import type { CallEndEvent } from '../hooks/call/call-end.event.js';
import { CallStaleEvent } from '../hooks/call/call-stale.event.js';
import type { CallStartEvent } from '../hooks/call/call-start.event.js';
import type { RecordingEvent } from '../hooks/recording/recording.event.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type {
  CinnoxCallEndOutcome,
  CinnoxCallPage,
  CinnoxCallQuery,
  CinnoxCallRecord,
  CinnoxCallStoreTimes,
} from '../stores/cinnox-call-record.interface.js';
import { CinnoxCallStore } from '../stores/cinnox-call.store.js';

// Stale calls are claimed in batches, so one sweep never holds the store for long.
const STALE_BATCH = 500;

/**
 * The call tracker (`calls.track`): pairs the halves of each call in its store, in any order, and
 * answers queries about calls. The library's publisher feeds it; hosts read it with `get()` and `list()`.
 * @publicApi
 */
@Injectable()
export class CinnoxCallTracker {
  private readonly logger = new Logger('CinnoxCalls');
  /** Whether `calls.track` is on. */
  readonly enabled: boolean;
  private readonly retentionMs: number;
  private readonly activeTtlMs: number;
  private readonly maxCallDurationMs: number;

  constructor(
    @Inject(CINNOX_RESOLVED_OPTIONS) options: CinnoxResolvedOptions,
    private readonly store: CinnoxCallStore,
    private readonly metrics: CinnoxMetrics,
    @Optional() @Inject(CINNOX_CLOCK) private readonly clock: () => number = Date.now,
  ) {
    const { track, retentionMs, maxCallDurationMs } = options.calls;
    this.enabled = track;
    this.retentionMs = retentionMs;
    this.maxCallDurationMs = maxCallDurationMs;
    this.activeTtlMs = maxCallDurationMs + retentionMs;
    if (track) metrics.countActiveCallsWith(async () => store.countActive());
  }

  /**
   * The record of call `callId`, or undefined when it is unknown or expired.
   * @param callId CINNOX's call ID.
   */
  async get(callId: string): Promise<CinnoxCallRecord | undefined> {
    this.assertOn();
    return this.store.get(callId);
  }

  /**
   * Calls, newest first (by when either half was first received).
   * @param query a status, a time range (`from`, `to`), a party, how many at most (1 to 1000, default 100) and
   *   the `cursor` of a previous `page()`.
   */
  async list(query: CinnoxCallQuery = {}): Promise<CinnoxCallRecord[]> {
    return (await this.page(query)).records;
  }

  /** As `list()`, with the `nextCursor` of the next page when more calls match. */
  async page(query: CinnoxCallQuery = {}): Promise<CinnoxCallPage> {
    this.assertOn();
    if (typeof query !== 'object' || query === null) throw badQuery('query', 'must be an object such as { status, limit }', query);
    const { status, from, to, party, cursor, limit = 100 } = query;
    if (status !== undefined && status !== 'active' && status !== 'ended' && status !== 'stale') {
      throw badQuery('status', 'must be "active", "ended" or "stale"', status);
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badQuery('limit', 'must be a whole number from 1 to 1000', limit);
    for (const [name, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (value !== undefined && !(value instanceof Date && !Number.isNaN(value.getTime())))
        throw badQuery(name, 'must be a valid Date', value);
    }
    if (party !== undefined && (typeof party !== 'string' || party === '')) throw badQuery('party', 'must be a non-empty string', party);
    if (cursor !== undefined && typeof cursor !== 'string') throw badQuery('cursor', "must be a previous page's nextCursor", cursor);
    return this.store.list({ status, from, to, party, cursor, limit });
  }

  /** Records a start; returns a promise only when the store must wait. */
  recordStart(event: CallStartEvent): void | Promise<void> {
    const given = {
      id: event.callId,
      serviceId: event.serviceId,
      caller: event.caller,
      callees: event.callees,
      startedAt: event.receivedAt.getTime(),
    };
    const bounded = boundCallStart(given);
    if (bounded) this.logger.log(escapeControlChars(trackedCallTrimmed(event.callId, event.callees.length)));
    const outcome = this.store.start(bounded ?? given, this.times());
    if (isThenable(outcome)) return Promise.resolve(outcome).then(() => undefined);
  }

  /**
   * Records an end; gives the `call.completed` event to emit when this end completed the call (or is the
   * same queue delivery completing it again, unconfirmed), undefined otherwise.
   */
  recordEnd(event: CallEndEvent, deliveryId?: string): CallCompletedEvent | undefined | Promise<CallCompletedEvent | undefined> {
    const input = { id: event.callId, serviceId: event.serviceId, endedAt: event.receivedAt.getTime(), deliveryId };
    const outcome = this.store.end(input, this.times());
    // A native promise from here on: the publisher waits for what this returns.
    return isThenable(outcome) ? Promise.resolve(outcome).then((settled) => this.completed(settled)) : this.completed(outcome);
  }

  /**
   * Records a call recording's outcome on its call (before or after the call's end; no event is emitted
   * again); a recording of a conference, or with an unknown status, changes nothing.
   */
  recordRecording(event: RecordingEvent): void | Promise<void> {
    if (event.callId === null || event.outcome === null) return;
    const outcome = this.store.recording(event.callId, event.outcome, this.times());
    if (isThenable(outcome)) return Promise.resolve(outcome).then(() => undefined);
  }

  /** Says the completion by queue delivery `deliveryId` reached every listener. */
  confirm(callId: string, deliveryId: string): void | Promise<void> {
    const confirmed = this.store.confirm(callId, deliveryId);
    if (isThenable(confirmed)) return Promise.resolve(confirmed);
  }

  /** Turns every active call older than `maxCallDurationMs` stale and gives their `call.stale` events. */
  async claimStale(): Promise<CallStaleEvent[]> {
    const stale: CallStaleEvent[] = [];
    for (;;) {
      const times = this.times();
      const claimed = await this.store.claimStale(times.now - this.maxCallDurationMs, STALE_BATCH, times);
      for (const record of claimed) {
        this.metrics.callStale();
        const { id, serviceId, caller, callees, startedAt } = record;
        stale.push(
          new CallStaleEvent({
            eventId: cinnoxEventId(CINNOX_CALL_HOOK, id, 'stale'),
            callId: id,
            serviceId,
            caller,
            callees,
            startedAt: startedAt!,
            staleAt: new Date(times.now),
          }),
        );
      }
      if (claimed.length < STALE_BATCH) return stale;
    }
  }

  private completed({ completion, record }: CinnoxCallEndOutcome): CallCompletedEvent | undefined {
    if (completion === null) return undefined;
    if (completion === 'first') this.metrics.callCompleted(record.durationMs);
    return completedEventOf(record);
  }

  private times(): CinnoxCallStoreTimes {
    return { now: this.clock(), retentionMs: this.retentionMs, activeTtlMs: this.activeTtlMs };
  }

  private assertOn(): void {
    if (!this.enabled) throw new CinnoxOptionsError('calls.track', callTrackerOff());
  }
}

// A caller's argument, not a module option: the error names it where the call is made.
function badQuery(name: string, expected: string, got: unknown): CinnoxOptionsError {
  const argument = name === 'query' ? name : `query.${name}`;
  return new CinnoxOptionsError(argument, invalidArgument('CinnoxCallTracker.list()', argument, expected, got));
}
