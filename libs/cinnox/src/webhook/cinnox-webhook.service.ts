import { Inject, Injectable } from '@nestjs/common';
import { CINNOX_CALL_HOOK, CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { CallEventPublisher } from '../events/call-event.publisher.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxWebhookAnswer } from './cinnox-webhook-answer.interface.js';
import type { CinnoxWebhookDto } from './dto/cinnox-webhook.dto.js';
import { isChallengeHandshake } from './is-challenge-handshake.js';

const EMPTY_ANSWER: CinnoxWebhookAnswer = Object.freeze({ code: 0, result: Object.freeze({}) });

/** Orchestrates one validated delivery: answer the handshake, or dedupe and publish the notification. */
@Injectable()
export class CinnoxWebhookService {
  constructor(
    private readonly publisher: CallEventPublisher,
    private readonly metrics: CinnoxMetrics,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
  ) {}

  async handle(body: CinnoxWebhookDto, receivedAt: Date = new Date()): Promise<CinnoxWebhookAnswer> {
    if (isChallengeHandshake(body)) {
      this.metrics.webhookRequest('verified');
      return { code: 0, result: { challenge: body.challenge } };
    }
    const answer = body.challenge === undefined ? EMPTY_ANSWER : { code: 0 as const, result: { challenge: body.challenge } };
    // The DTO guarantees a message when it is not a handshake.
    const message = body.message!;
    const { dedupeStore, dedupeTtlMs, awaitListeners } = this.options.webhook;
    const key = `${CINNOX_CALL_HOOK}:${message.id}:${message.status}`;
    if (!(await dedupeStore.claim(key, dedupeTtlMs))) {
      this.metrics.webhookRequest('duplicate');
      return answer;
    }
    const settled = this.publisher.publish(message, receivedAt);
    if (awaitListeners) await settled;
    this.metrics.webhookRequest('accepted');
    return answer;
  }
}
