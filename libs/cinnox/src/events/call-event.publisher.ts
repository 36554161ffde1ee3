import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CinnoxCallTracker } from '../calls/cinnox-call-tracker.service.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxCallMessageDto } from '../webhook/dto/cinnox-call-message.dto.js';
import type { CallCompletedEvent } from './call-completed.event.js';
import { CallEndEvent } from './call-end.event.js';
import { CallOtherEvent } from './call-other.event.js';
import type { CallStaleEvent } from './call-stale.event.js';
import { CallStartEvent } from './call-start.event.js';
import { CinnoxEvent } from './cinnox-event.js';
import { toCallParties, toCallParty } from './to-call-party.js';

const RESOLVED = Promise.resolve();

// Keeps the synchronous path free of extra promises when neither side waits for anything.
const both = (a: Promise<void>, b: Promise<void>): Promise<void> =>
  b === RESOLVED ? a : a === RESOLVED ? b : Promise.all([a, b]).then(() => undefined);

/** The one place that turns validated call notifications into domain events and emits them. */
@Injectable()
export class CallEventPublisher {
  private readonly logger = new Logger('CinnoxCallEvents');

  constructor(
    private readonly emitter: EventEmitter2,
    private readonly metrics: CinnoxMetrics,
    private readonly tracker: CinnoxCallTracker,
  ) {}

  /**
   * Emits the event for `message`, then (call tracker on) records the half and emits `call.completed`
   * when it completed the call. The promise settles when every listener has. Listener failures are logged
   * with the call id and counted; with `rethrow` (queue workers, so the job is retried) the promise then
   * rejects with an AggregateError of them. `deliveryId` names a queue delivery across its retries.
   */
  publish(message: CinnoxCallMessageDto, receivedAt: Date, options: { rethrow?: boolean; deliveryId?: string } = {}): Promise<void> {
    const failures: unknown[] = [];
    const settled = this.dispatch(message, receivedAt, options.deliveryId, failures);
    if (!options.rethrow) return settled;
    return settled.then(() => {
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} listener(s) failed for call ${message.id}`);
    });
  }

  /** Emits `call.stale`; settles when its listeners have. */
  publishStale(event: CallStaleEvent): Promise<void> {
    return this.emit(CinnoxEvent.CallStale, event, event.callId, []);
  }

  private dispatch(message: CinnoxCallMessageDto, receivedAt: Date, deliveryId: string | undefined, failures: unknown[]): Promise<void> {
    const { id, serviceId, status } = message;
    switch (status) {
      case 'CallStart': {
        const caller = message.caller ? toCallParty(message.caller) : null;
        const event = new CallStartEvent(id, serviceId, caller, toCallParties(message.callees), receivedAt, message);
        const emitted = this.emit(CinnoxEvent.CallStart, event, id, failures);
        return this.tracker.enabled
          ? both(
              emitted,
              this.track(() => this.tracker.recordStart(event), id, failures),
            )
          : emitted;
      }
      case 'CallEnd': {
        const event = new CallEndEvent(id, serviceId, receivedAt, message);
        const emitted = this.emit(CinnoxEvent.CallEnd, event, id, failures);
        if (!this.tracker.enabled) return emitted;
        return both(
          emitted,
          this.track(
            () => this.tracker.recordEnd(event, deliveryId),
            id,
            failures,
            (completed) => this.complete(completed, deliveryId, failures),
          ),
        );
      }
      default:
        return this.emit(CinnoxEvent.CallOther, new CallOtherEvent(id, serviceId, status, receivedAt, message), id, failures);
    }
  }

  // The tracker runs after the raw event is emitted, synchronously when its store is (the in-memory one).
  // A store failure is a failure of this delivery: logged, and with `rethrow` the queue job is retried.
  private track<T>(
    record: () => T | Promise<T>,
    callId: string,
    failures: unknown[],
    then: (value: T) => Promise<void> = () => RESOLVED,
  ): Promise<void> {
    const fail = (error: unknown): void => {
      failures.push(error);
      this.logger.error(`The call tracker could not record call ${callId}: ${error instanceof Error ? error.message : String(error)}`);
    };
    try {
      const value = record();
      return value instanceof Promise ? value.then(then, fail) : then(value);
    } catch (error) {
      fail(error);
      return RESOLVED;
    }
  }

  // Emits call.completed; a queue delivery confirms it once every listener took it, so only a retry of an
  // unconfirmed delivery (a listener failed, or the worker died before this) repeats it.
  private complete(completed: CallCompletedEvent | undefined, deliveryId: string | undefined, failures: unknown[]): Promise<void> {
    if (!completed) return RESOLVED;
    if (deliveryId === undefined) return this.emit(CinnoxEvent.CallCompleted, completed, completed.callId, failures);
    const own: unknown[] = [];
    return this.emit(CinnoxEvent.CallCompleted, completed, completed.callId, own).then(() => {
      failures.push(...own);
      if (own.length === 0) return this.track(() => this.tracker.confirm(completed.callId, deliveryId), completed.callId, failures);
    });
  }

  private emit(name: string, payload: object, callId: string, failures: unknown[]): Promise<void> {
    this.metrics.eventEmitted(name);
    // Each listener is called and settled on its own: emit() would let a rejecting listener with
    // suppressErrors: false become an unhandled rejection (fatal in Node), and emitAsync() stops at the
    // first synchronous throw and settles at the first rejection, so the others could not be awaited.
    const pending: Promise<unknown>[] = [];
    for (const listener of this.emitter.listeners(name)) {
      this.invoke(() => listener.call(this.emitter, payload), name, callId, pending, failures);
    }
    for (const listener of this.emitter.listenersAny()) {
      this.invoke(() => listener.call(this.emitter, name, payload), name, callId, pending, failures);
    }
    return pending.length === 0 ? RESOLVED : Promise.all(pending).then(() => undefined);
  }

  private invoke(call: () => unknown, name: string, callId: string, pending: Promise<unknown>[], failures: unknown[]): void {
    try {
      const result = call();
      if (result instanceof Promise) pending.push(result.catch((error: unknown) => this.failed(name, callId, error, failures)));
    } catch (error) {
      this.failed(name, callId, error, failures);
    }
  }

  private failed(name: string, callId: string, error: unknown, failures: unknown[]): void {
    failures.push(error);
    this.metrics.listenerFailed(name);
    this.logger.error(`A ${name} listener failed for call ${callId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
