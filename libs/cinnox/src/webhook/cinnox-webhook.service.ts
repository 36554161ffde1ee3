import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { CINNOX_CALL_HOOK, CINNOX_RESOLVED_OPTIONS } from '../cinnox.constants.js';
import { storeUnavailable } from '../cinnox.messages.js';
import { CinnoxCallEventDispatcher } from '../events/call-event.dispatcher.js';
import { CallEventPublisher } from '../events/call-event.publisher.js';
import { CinnoxStatus } from '../health/cinnox-status.service.js';
import type { CinnoxResolvedOptions } from '../interfaces/cinnox-options.interface.js';
import { CinnoxMetrics } from '../metrics/cinnox-metrics.service.js';
import type { CinnoxWebhookAnswer } from './cinnox-webhook-answer.interface.js';
import type { CinnoxCallMessageDto } from './dto/cinnox-call-message.dto.js';
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
    private readonly status: CinnoxStatus,
    // Present in queue mode (CinnoxQueueModule); then the queue's job ids do the dedupe.
    @Optional() private readonly dispatcher?: CinnoxCallEventDispatcher,
  ) {}

  /** Synchronous unless the dedupe store or `awaitListeners` makes it wait (the hot path does not). */
  handle(body: CinnoxWebhookDto, receivedAt: Date = new Date()): CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer> {
    if (isChallengeHandshake(body)) {
      this.metrics.webhookRequest('verified');
      return { code: 0, result: { challenge: body.challenge } };
    }
    this.status.lastNotificationAt = receivedAt;
    const answer = body.challenge === undefined ? EMPTY_ANSWER : { code: 0 as const, result: { challenge: body.challenge } };
    // The DTO guarantees a message when it is not a handshake.
    const message = body.message!;
    const key = `${CINNOX_CALL_HOOK}:${message.id}:${message.status}`;
    if (this.dispatcher) return this.enqueue(this.dispatcher, key, message, receivedAt, answer);
    const { dedupeStore, dedupeTtlMs } = this.options.webhook;
    let claimed: boolean | Promise<boolean>;
    try {
      claimed = dedupeStore.claim(key, dedupeTtlMs);
    } catch (error) {
      throw unavailable(error);
    }
    return claimed instanceof Promise
      ? claimed.then(
          (first) => this.publish(first, message, receivedAt, answer),
          (error: unknown) => Promise.reject(unavailable(error)),
        )
      : this.publish(claimed, message, receivedAt, answer);
  }

  // The 2xx goes out only once the job is durably stored; anything else is a 503, so CINNOX delivers again.
  private async enqueue(
    dispatcher: CinnoxCallEventDispatcher,
    key: string,
    message: CinnoxCallMessageDto,
    receivedAt: Date,
    answer: CinnoxWebhookAnswer,
  ): Promise<CinnoxWebhookAnswer> {
    try {
      await dispatcher.dispatch({ key, message, receivedAt: receivedAt.toISOString() });
    } catch (error) {
      throw unavailable(error, 'queue');
    }
    this.metrics.webhookRequest('accepted');
    return answer;
  }

  private publish(
    first: boolean,
    message: CinnoxCallMessageDto,
    receivedAt: Date,
    answer: CinnoxWebhookAnswer,
  ): CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer> {
    if (!first) {
      this.metrics.webhookRequest('duplicate');
      return answer;
    }
    const settled = this.publisher.publish(message, receivedAt);
    this.metrics.webhookRequest('accepted');
    return this.options.webhook.awaitListeners ? settled.then(() => answer) : answer;
  }
}

// A store that cannot answer must not turn into a 2xx (the notification would be lost) nor a 500:
// 503 tells CINNOX to deliver again later.
function unavailable(error: unknown, what: 'dedupe store' | 'queue' = 'dedupe store'): ServiceUnavailableException {
  return new ServiceUnavailableException(storeUnavailable(what, error instanceof Error ? error.message : String(error)));
}
