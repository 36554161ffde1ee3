import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
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

  constructor(private readonly emitter: EventEmitter2) {}

  publish(message: CinnoxCallMessageDto, receivedAt: Date): void {
    const { id, serviceId, status } = message;
    switch (status) {
      case 'CallStart':
        return this.emit(
          CinnoxEvent.CallStart,
          new CallStartEvent(id, serviceId, message.caller ? toCallParty(message.caller) : null, toCallParties(message.callees), receivedAt, message),
          id,
        );
      case 'CallEnd':
        return this.emit(CinnoxEvent.CallEnd, new CallEndEvent(id, serviceId, receivedAt, message), id);
      default:
        return this.emit(CinnoxEvent.CallOther, new CallOtherEvent(id, serviceId, status, receivedAt, message), id);
    }
  }

  private emit(name: string, payload: object, callId: string): void {
    try {
      this.emitter.emit(name, payload);
    } catch (error) {
      // A listener that opted out of suppressErrors must not turn CINNOX's delivery into a 5xx.
      this.logger.error(`A ${name} listener failed for call ${callId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
