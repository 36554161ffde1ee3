import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxCallMessageDto } from '../webhook/dto/cinnox-call-message.dto.js';
import { CallEndEvent } from './call-end.event.js';
import { CallOtherEvent } from './call-other.event.js';
import { CallStartEvent } from './call-start.event.js';
import { CinnoxEvent } from './cinnox-event.js';
import { toCallParties, toCallParty } from './to-call-party.js';

/** The one place that turns validated call notifications into domain events and emits them. */
@Injectable()
export class CallEventPublisher {
  private readonly logger = new Logger('CinnoxCallEvents');

  constructor(
    private readonly emitter: EventEmitter2,
    private readonly metrics: CinnoxMetrics,
  ) {}

  /**
   * Emits the event for `message`. The promise settles when every listener has; it never rejects:
   * listener failures are logged with the call id and counted.
   */
  publish(message: CinnoxCallMessageDto, receivedAt: Date): Promise<void> {
    const { id, serviceId, status } = message;
    switch (status) {
      case 'CallStart': {
        const caller = message.caller ? toCallParty(message.caller) : null;
        return this.emit(CinnoxEvent.CallStart, new CallStartEvent(id, serviceId, caller, toCallParties(message.callees), receivedAt, message), id);
      }
      case 'CallEnd':
        return this.emit(CinnoxEvent.CallEnd, new CallEndEvent(id, serviceId, receivedAt, message), id);
      default:
        return this.emit(CinnoxEvent.CallOther, new CallOtherEvent(id, serviceId, status, receivedAt, message), id);
    }
  }

  private emit(name: string, payload: object, callId: string): Promise<void> {
    this.metrics.eventEmitted(name);
    // emitAsync, not emit: a rejecting listener with suppressErrors: false would otherwise be an
    // unhandled rejection, which ends a Node process.
    try {
      return this.emitter.emitAsync(name, payload).then(
        () => undefined,
        (error: unknown) => this.failed(name, callId, error),
      );
    } catch (error) {
      this.failed(name, callId, error);
      return Promise.resolve();
    }
  }

  private failed(name: string, callId: string, error: unknown): void {
    this.metrics.listenerFailed(name);
    this.logger.error(`A ${name} listener failed for call ${callId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
