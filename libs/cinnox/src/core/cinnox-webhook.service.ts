import { BadRequestException, HttpException, Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { isThenable } from '../async/is-thenable.js';
import { CINNOX_RESOLVED_OPTIONS, CINNOX_TRACER } from '../cinnox.constants.js';
import { storeUnavailable, webhookBodyInvalid } from '../cinnox.messages.js';
import { CinnoxEventQueue } from './cinnox-event.queue.js';
import { CinnoxEventPublisher } from './cinnox-event.publisher.js';
import { CinnoxDeliveryRecorder } from './cinnox-delivery-recorder.js';
import { CinnoxDeliveryTrace } from './cinnox-delivery-trace.js';
import { CinnoxStatus } from '../status/cinnox-status.js';
import { redactSecrets } from '../logging/redact-secrets.js';
import type { CinnoxHookDefinition } from '../domain/cinnox-hook-definition.interface.js';
import type { CinnoxResolvedOptions } from '../cinnox-options.interface.js';
import { CinnoxMetrics, type CinnoxWebhookOutcome } from '../metrics/cinnox-metrics.service.js';
import { CinnoxSpanName, CinnoxTracer, type CinnoxSpan } from './cinnox-tracer.js';
import type { CinnoxWebhookAnswer } from '../domain/cinnox-webhook-answer.interface.js';

const EMPTY_ANSWER: CinnoxWebhookAnswer = Object.freeze({ code: 0, result: Object.freeze({}) });

/**
 * Orchestrates one validated delivery of any hook: answer the handshake, refuse what lacks its ids, then
 * dedupe and publish (inline) or enqueue (queue mode).
 */
@Injectable()
export class CinnoxWebhookService {
  constructor(
    private readonly publisher: CinnoxEventPublisher,
    private readonly metrics: CinnoxMetrics,
    @Inject(CINNOX_RESOLVED_OPTIONS) private readonly options: CinnoxResolvedOptions,
    private readonly status: CinnoxStatus,
    @Inject(CINNOX_TRACER) private readonly tracer: CinnoxTracer,
    // Present in queue mode (CinnoxQueueModule); then the queue's job ids do the dedupe.
    @Optional() private readonly queue?: CinnoxEventQueue,
    // The delivery log, when the host turned it on (`deliveryLog`).
    @Optional() recorder?: CinnoxDeliveryRecorder,
  ) {
    this.recorder = recorder?.enabled ? recorder : undefined;
  }

  private readonly recorder?: CinnoxDeliveryRecorder;

  /**
   * Synchronous unless the dedupe store, the queue or `awaitListeners` makes it wait (the hot path does not).
   * `route` (the path served, no query string) names the delivery's span when tracing is on.
   */
  handle(
    hook: CinnoxHookDefinition,
    body: object,
    receivedAt: Date = new Date(),
    route?: string,
  ): CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer> {
    if (!this.tracer.enabled) return this.answer(hook, body, receivedAt, undefined);
    const span = this.tracer.startSpan(CinnoxSpanName.Delivery, { 'cinnox.hook': hook.name, 'cinnox.route': route });
    let answer: CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer>;
    try {
      answer = this.tracer.withSpan(span, () => this.answer(hook, body, receivedAt, span));
    } catch (error) {
      this.refused(span, error);
      throw error;
    }
    if (!isThenable(answer)) {
      span.end();
      return answer;
    }
    return answer.then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        this.refused(span, error);
        throw error;
      },
    );
  }

  private answer(
    hook: CinnoxHookDefinition,
    body: object,
    receivedAt: Date,
    span: CinnoxSpan | undefined,
  ): CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer> {
    const { challenge } = body as { challenge?: unknown };
    if (hook.isHandshake(body)) {
      this.heard('verified', hook, span);
      return { code: 0, result: { challenge: challenge as string } };
    }
    const missing = hook.validateMissingIds(body);
    if (missing !== undefined) throw new BadRequestException(webhookBodyInvalid(missing));
    // Notifications may carry a challenge ("internal use"); it is echoed like the handshake's.
    const answer = typeof challenge === 'string' && challenge !== '' ? { code: 0 as const, result: { challenge } } : EMPTY_ANSWER;
    const key = hook.dedupeKey(body);
    span?.setAttributes({ 'cinnox.event_id': key });
    if (this.queue) return this.enqueue(this.queue, hook, key, body, receivedAt, answer, span);
    const { dedupeStore, dedupeTtlMs } = this.options.webhook;
    let claimed: boolean | PromiseLike<boolean>;
    try {
      claimed = dedupeStore.claim(key, dedupeTtlMs);
    } catch (error) {
      throw unavailable(error);
    }
    return isThenable(claimed)
      ? Promise.resolve(claimed).then(
          (first) => this.publish(first, hook, key, body, receivedAt, answer, span),
          (error: unknown) => Promise.reject(unavailable(error)),
        )
      : this.publish(claimed, hook, key, body, receivedAt, answer, span);
  }

  // A delivery answered with an error: its outcome says which (400 refused, 503 to be delivered again); a
  // store's error may quote its settings, so the secrets are kept out as in the logs.
  private refused(span: CinnoxSpan, error: unknown): void {
    const status = error instanceof HttpException ? error.getStatus() : 500;
    span.setAttributes({ 'cinnox.outcome': status === 503 ? 'unavailable' : status < 500 ? 'refused' : 'failed', 'cinnox.status': status });
    const message = redactSecrets(error instanceof Error ? error.message : String(error), [
      this.options.appToken,
      ...this.options.webhook.secrets,
    ]);
    span.fail(message, error instanceof Error ? error.name : typeof error);
    span.end();
  }

  // Counted, and told on the delivery's span.
  private heard(outcome: CinnoxWebhookOutcome, hook: CinnoxHookDefinition, span: CinnoxSpan | undefined): void {
    this.metrics.webhookRequest(outcome, hook.name);
    span?.setAttributes({ 'cinnox.outcome': outcome });
  }

  // The 2xx goes out only once the job is durably stored; anything else is a 503, so CINNOX delivers again.
  private async enqueue(
    queue: CinnoxEventQueue,
    hook: CinnoxHookDefinition,
    key: string,
    body: object,
    receivedAt: Date,
    answer: CinnoxWebhookAnswer,
    span: CinnoxSpan | undefined,
  ): Promise<CinnoxWebhookAnswer> {
    const delivery = this.recorder ? { hook, key, body, receivedAt } : undefined;
    const entryId = delivery && this.recorder!.entryIdOf(delivery);
    try {
      // Plain JSON: the job must survive serialization, and the hook definitions read plain JSON too.
      await queue.enqueue({
        hook: hook.name,
        key,
        body: { ...body },
        receivedAt: receivedAt.toISOString(),
        ...(entryId === undefined ? {} : { logEntryId: entryId }),
        // The worker's spans join this delivery's trace.
        ...(span?.traceparent === undefined ? {} : { traceparent: span.traceparent }),
      });
    } catch (error) {
      throw unavailable(error, 'queue');
    }
    if (delivery) this.recorder!.queued(delivery, entryId!);
    // Heard only once accepted: a 503 leaves the silence watch as it was (CINNOX will deliver again).
    this.status.notified(hook.name, receivedAt);
    this.heard('accepted', hook, span);
    return answer;
  }

  private publish(
    first: boolean,
    hook: CinnoxHookDefinition,
    key: string,
    body: object,
    receivedAt: Date,
    answer: CinnoxWebhookAnswer,
    span: CinnoxSpan | undefined,
  ): CinnoxWebhookAnswer | Promise<CinnoxWebhookAnswer> {
    if (!first) {
      // Heard: a duplicate is answered 2xx too.
      this.status.notified(hook.name, receivedAt);
      this.heard('duplicate', hook, span);
      this.recorder?.duplicate({ hook, key, body, receivedAt });
      return answer;
    }
    let settled: Promise<void>;
    const trace = this.recorder ? new CinnoxDeliveryTrace() : undefined;
    try {
      settled = this.publisher.publish(hook, body, receivedAt, { eventId: key, trace, span });
    } catch (error) {
      // Normalizing threw before anything was emitted: forget the claim, or CINNOX's redelivery would be
      // taken for a duplicate and the notification lost.
      return this.release(key, error);
    }
    this.status.notified(hook.name, receivedAt);
    this.heard('accepted', hook, span);
    if (trace) this.recorder!.dispatched({ hook, key, body, receivedAt }, trace, settled);
    return this.options.webhook.awaitListeners ? settled.then(() => answer) : answer;
  }

  // Rethrows `error` (the request fails) once the claim on `key` is gone; synchronous with a synchronous store.
  private release(key: string, error: unknown): never | Promise<never> {
    const released = this.options.webhook.dedupeStore.release(key);
    if (isThenable(released))
      return Promise.resolve(released).then(
        () => Promise.reject(error),
        () => Promise.reject(error),
      );
    throw error;
  }
}

// A store that cannot answer must not turn into a 2xx (the notification would be lost) nor a 500:
// 503 tells CINNOX to deliver again later.
function unavailable(error: unknown, what: 'dedupe store' | 'queue' = 'dedupe store'): ServiceUnavailableException {
  return new ServiceUnavailableException(storeUnavailable(what, error instanceof Error ? error.message : String(error)), { cause: error });
}
