import { Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxCallMessageDto } from '../webhook/dto/cinnox-call-message.dto.js';
import { CallEndEvent } from './call-end.event.js';
import { CallOtherEvent } from './call-other.event.js';
import { CallStartEvent } from './call-start.event.js';
import { CinnoxEvent } from './cinnox-event.js';
import { toCallParties, toCallParty } from './to-call-party.js';

const RESOLVED = Promise.resolve();

/** The one place that turns validated call notifications into domain events and emits them. */
@Injectable()
export class CallEventPublisher {
  private readonly logger = new Logger('CinnoxCallEvents');

  constructor(
    // Optional so that CinnoxEventEmitterCheck, not Nest's generic error, reports a missing EventEmitterModule.
    @Optional() private readonly emitter: EventEmitter2,
    private readonly metrics: CinnoxMetrics,
  ) {}

  /**
   * Emits the event for `message`. The promise settles when every listener has. Listener failures are
   * logged with the call id and counted; with `rethrow` (queue workers, so the job is retried) the promise
   * then rejects with an AggregateError of them.
   */
  publish(message: CinnoxCallMessageDto, receivedAt: Date, options: { rethrow?: boolean } = {}): Promise<void> {
    const failures: unknown[] = [];
    const settled = this.dispatch(message, receivedAt, failures);
    if (!options.rethrow) return settled;
    return settled.then(() => {
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} listener(s) failed for call ${message.id}`);
    });
  }

  private dispatch(message: CinnoxCallMessageDto, receivedAt: Date, failures: unknown[]): Promise<void> {
    const { id, serviceId, status } = message;
    switch (status) {
      case 'CallStart': {
        const caller = message.caller ? toCallParty(message.caller) : null;
        return this.emit(
          CinnoxEvent.CallStart,
          new CallStartEvent(id, serviceId, caller, toCallParties(message.callees), receivedAt, message),
          id,
          failures,
        );
      }
      case 'CallEnd':
        return this.emit(CinnoxEvent.CallEnd, new CallEndEvent(id, serviceId, receivedAt, message), id, failures);
      default:
        return this.emit(CinnoxEvent.CallOther, new CallOtherEvent(id, serviceId, status, receivedAt, message), id, failures);
    }
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
