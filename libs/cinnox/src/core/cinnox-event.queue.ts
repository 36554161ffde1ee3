import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import type { CinnoxDeliveryRecorder } from './cinnox-delivery-recorder.js';
import type { CinnoxEventPublisher } from './cinnox-event.publisher.js';
import type { CinnoxTracer } from './cinnox-tracer.js';

/**
 * What a queue's worker needs of `CinnoxModule` to process a job. The worker sits in the queue's module,
 * outside `CinnoxModule`'s scope, so `CinnoxModule` hands these to the queue port it is injected with.
 */
export interface CinnoxEventConsumer {
  readonly publisher: CinnoxEventPublisher;
  /** The delivery log's recorder when it is on. */
  readonly recorder: CinnoxDeliveryRecorder | undefined;
  /** The module's tracer: the worker's spans go where the webhook's do. */
  readonly tracer: CinnoxTracer;
  /** Aborts when the shutdown grace period is over. */
  readonly shutdownSignal: AbortSignal;
  /** When the whole shutdown grace period ends (ms since the epoch); undefined before the shutdown starts. */
  shutdownDeadline(): number | undefined;
}

/** One validated notification on its way to the listeners, as a queue stores it (plain JSON). */
export interface CinnoxEventJob {
  /** The hook whose route received it. */
  readonly hook: CinnoxHookName;
  /** The dedupe key (also the events' `eventId`). */
  readonly key: string;
  /** The notification as validated, as plain JSON. */
  readonly body: Readonly<Record<string, unknown>>;
  /** ISO time the webhook received it. */
  readonly receivedAt: string;
  /** The delivery log's entry for it (with the `deliveryLog` option), which the worker updates when the job ends. */
  readonly logEntryId?: string;
  /** The W3C `traceparent` of the delivery's span (with tracing on), so the worker's spans join its trace. */
  readonly traceparent?: string;
}

/**
 * Where the webhook hands notifications when they are not emitted inline: provided by
 * `CinnoxQueueModule` (`nestjs-cinnox/queue`). Absent, the webhook dedupes and emits in the request.
 * @publicApi
 */
export abstract class CinnoxEventQueue {
  private attached?: CinnoxEventConsumer;
  private readonly waiting: ((consumer: CinnoxEventConsumer) => void)[] = [];

  /** Resolves once the job is durably stored; rejects when it could not be (the webhook answers 503). */
  abstract enqueue(job: CinnoxEventJob): Promise<void>;

  /** @internal `CinnoxModule` hands its publisher (and what goes with it) to the worker, at module init. */
  attach(consumer: CinnoxEventConsumer): void {
    this.attached = consumer;
    for (const resolve of this.waiting.splice(0)) resolve(consumer);
  }

  /** @internal What `CinnoxModule` attached; a job that arrives first waits for it. */
  consumer(): CinnoxEventConsumer | Promise<CinnoxEventConsumer> {
    return this.attached ?? new Promise((resolve) => this.waiting.push(resolve));
  }

  /** @internal The attached consumer, if `CinnoxModule` is there. */
  get consumerIfAttached(): CinnoxEventConsumer | undefined {
    return this.attached;
  }
}
