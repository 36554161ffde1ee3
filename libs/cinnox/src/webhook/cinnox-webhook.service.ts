import { Injectable } from '@nestjs/common';
import { CallEventPublisher } from '../events/call-event.publisher.js';
import type { CinnoxWebhookAnswer } from './cinnox-webhook-answer.interface.js';
import type { CinnoxWebhookDto } from './dto/cinnox-webhook.dto.js';
import { isChallengeHandshake } from './is-challenge-handshake.js';

/** Orchestrates one validated delivery: answer the handshake, or publish the notification. */
@Injectable()
export class CinnoxWebhookService {
  constructor(private readonly publisher: CallEventPublisher) {}

  handle(body: CinnoxWebhookDto, receivedAt: Date = new Date()): CinnoxWebhookAnswer {
    if (isChallengeHandshake(body)) {
      return { code: 0, result: { challenge: body.challenge } };
    }
    // The DTO guarantees a message when it is not a handshake.
    this.publisher.publish(body.message!, receivedAt);
    return { code: 0, result: body.challenge === undefined ? {} : { challenge: body.challenge } };
  }
}
