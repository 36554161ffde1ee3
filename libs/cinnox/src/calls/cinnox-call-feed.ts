import { Injectable, Optional } from '@nestjs/common';
import type { CinnoxDeliveryTrace } from '../core/cinnox-delivery-trace.js';
import type { CinnoxSpan } from '../core/cinnox-tracer.js';
import { CinnoxEventObserver } from '../core/cinnox-event-observer.js';
import { CinnoxListenerDispatch, RESOLVED } from '../core/cinnox-listener-dispatch.js';
import { CinnoxEvent } from '../domain/cinnox-event.js';
import type { CallCompletedEvent } from '../hooks/call/call-completed.event.js';
import { CallEndEvent } from '../hooks/call/call-end.event.js';
import { CallStartEvent } from '../hooks/call/call-start.event.js';
import { RecordingEvent } from '../hooks/recording/recording.event.js';
import { CinnoxCallTracker } from './cinnox-call-tracker.service.js';
import { CinnoxCallSettler } from './cinnox-call-settler.js';

/**
 * Feeds the call tracker from the events the publisher emits: records a call's halves and its recording,
 * emits `call.completed` when an end completed the call, and has an ended call settled (`calls.settle`).
 */
@Injectable()
export class CinnoxCallFeed extends CinnoxEventObserver {
  // The store write under way for each call, so the next one for that call waits for it.
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly tracker: CinnoxCallTracker,
    private readonly dispatch: CinnoxListenerDispatch,
    // Absent where a feed is built by hand (no settling).
    @Optional() private readonly settler?: CinnoxCallSettler,
  ) {
    super();
  }

  // Runs after the raw event is emitted, synchronously when the store is (the in-memory one). A store failure
  // is a failure of this delivery: logged, and in queue mode the job is retried.
  observe(
    payload: object,
    deliveryId: string | undefined,
    failures: unknown[],
    trace?: CinnoxDeliveryTrace,
    span?: CinnoxSpan,
  ): Promise<void> {
    if (!this.tracker.enabled) return RESOLVED;
    if (payload instanceof CallStartEvent) return this.record(() => this.tracker.recordStart(payload), payload.callId, failures);
    if (payload instanceof CallEndEvent) {
      return this.record(
        () => this.tracker.recordEnd(payload, deliveryId),
        payload.callId,
        failures,
        (completed) => {
          // Any recorded end, a redelivery too: a replica that stopped before settling the call leaves it to another.
          this.settler?.schedule(payload.callId);
          return this.complete(completed, deliveryId, failures, trace, span);
        },
      );
    }
    if (payload instanceof RecordingEvent && payload.callId !== null && payload.outcome !== null) {
      return this.record(() => this.tracker.recordRecording(payload), payload.callId, failures);
    }
    return RESOLVED;
  }

  private record<T>(
    record: () => T | Promise<T>,
    callId: string,
    failures: unknown[],
    then: (value: T) => Promise<void> = () => RESOLVED,
  ): Promise<void> {
    const fail = (error: unknown): void => {
      failures.push(error);
      const reason = error instanceof Error ? error.message : String(error);
      this.dispatch.error(`The call tracker could not record call ${callId}: ${reason}`);
    };
    try {
      const value = this.inOrder(callId, record);
      return value instanceof Promise ? value.then(then, fail) : then(value);
    } catch (error) {
      fail(error);
      return RESOLVED;
    }
  }

  // A call's halves are written in the order this process heard them: the webhook answers before an async
  // store (PostgreSQL, Redis) has written the start, so an end arriving right after would otherwise reach the
  // store first and complete the call without its parties. A synchronous store stays synchronous.
  private inOrder<T>(callId: string, record: () => T | Promise<T>): T | Promise<T> {
    const previous = this.writing.get(callId);
    const value = previous ? previous.then(record) : record();
    if (!(value instanceof Promise)) return value;
    const settled: Promise<void> = value.then(
      () => undefined,
      () => undefined,
    );
    this.writing.set(callId, settled);
    void settled.then(() => {
      if (this.writing.get(callId) === settled) this.writing.delete(callId);
    });
    return value;
  }

  // Emits call.completed; a queue delivery confirms it once every listener took it, so only a retry of an
  // unconfirmed delivery (a listener failed, or the worker died before this) repeats it.
  private complete(
    completed: CallCompletedEvent | undefined,
    deliveryId: string | undefined,
    failures: unknown[],
    trace: CinnoxDeliveryTrace | undefined,
    span: CinnoxSpan | undefined,
  ): Promise<void> {
    if (!completed) return RESOLVED;
    const eventId = completed.eventId;
    if (deliveryId === undefined) return this.dispatch.emit(CinnoxEvent.CallCompleted, completed, eventId, failures, trace, span);
    const own: unknown[] = [];
    return this.dispatch.emit(CinnoxEvent.CallCompleted, completed, eventId, own, trace, span).then(() => {
      failures.push(...own);
      if (own.length === 0) return this.record(() => this.tracker.confirm(completed.callId, deliveryId), completed.callId, failures);
    });
  }
}
