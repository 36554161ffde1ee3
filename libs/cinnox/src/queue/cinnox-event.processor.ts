import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { Worker, type ConnectionOptions, type Job, type Queue } from 'bullmq';
import { CinnoxEventQueue, type CinnoxEventJob } from '../core/cinnox-event.queue.js';
import type { CinnoxDeliveryRecorder, CinnoxAcceptedDelivery } from '../core/cinnox-delivery-recorder.js';
import { CinnoxDeliveryTrace } from '../core/cinnox-delivery-trace.js';
import { CinnoxSpanName } from '../core/cinnox-tracer.js';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import { escapeControlChars } from '../logging/escape-control-chars.js';
import { CINNOX_DEAD_LETTER_QUEUE, CINNOX_EVENTS_QUEUE, CINNOX_LEGACY_EVENTS_QUEUE } from './cinnox-queue.constants.js';
import { CINNOX_CALL_HOOK } from '../domain/cinnox-hook-name.js';
import type { CinnoxDeadLetterOptions } from './cinnox-queue-options.interface.js';

// Jobs stored by versions that carried call notifications only: { key, message, receivedAt }.
type StoredJob = CinnoxEventJob | { hook?: undefined; key: string; message: Record<string, unknown>; receivedAt: string };

// Each trim of the dead-letter queue looks at this many of its oldest entries at most per Redis call.
const TRIM_BATCH = 1000;

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The worker: emits each queued notification to the listeners, through the same publisher as inline
 * mode. A listener failure fails the job (the library's decorators always surface it), so BullMQ retries it
 * with all listeners (key side effects on `event.eventId`); after the last attempt it goes to the bounded
 * dead-letter queue. It also drains the queue of versions up to 0.1.x (`CINNOX_LEGACY_EVENTS_QUEUE`).
 */
export class CinnoxEventProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CinnoxQueue');
  // What the failed attempt of each job saw, until its 'failed' event tells whether it was the last.
  private readonly failedTraces = new Map<string, CinnoxDeliveryTrace>();
  private legacy?: Worker;

  constructor(
    // CinnoxModule attaches its publisher to this port (CinnoxQueueAttachment): the worker sits outside its scope.
    private readonly queue: CinnoxEventQueue,
    @InjectQueue(CINNOX_DEAD_LETTER_QUEUE) private readonly deadLetters: Queue,
    private readonly deadLetter: Required<CinnoxDeadLetterOptions>,
  ) {
    super();
  }

  async process(job: Job<StoredJob>): Promise<void> {
    const consumer = this.queue.consumer();
    const { publisher, recorder: logRecorder, tracer } = consumer instanceof Promise ? await consumer : consumer;
    const data = job.data;
    const hook = CINNOX_HOOK_DEFINITIONS[data.hook ?? CINNOX_CALL_HOOK];
    const body = data.hook === undefined ? { message: data.message } : data.body;
    const recorder = this.logEntryOf(job) === undefined ? undefined : logRecorder;
    const trace = recorder ? new CinnoxDeliveryTrace() : undefined;
    // Each attempt is a span in the delivery's trace (the job carries its traceparent), its listeners' under it.
    const span = tracer.enabled
      ? tracer.startSpan(
          CinnoxSpanName.Job,
          { 'cinnox.hook': hook.name, 'cinnox.event_id': data.key, 'cinnox.job_id': job.id, 'cinnox.attempt': job.attemptsMade + 1 },
          data.hook === undefined ? undefined : data.traceparent,
        )
      : undefined;
    // Hook definitions read plain JSON as well as DTO instances: the stored body is not validated again.
    // The job id names this delivery across its retries, so the call tracker can tell a retry from a redelivery.
    try {
      await publisher.publish(hook, body, new Date(data.receivedAt), { eventId: data.key, rethrow: true, deliveryId: job.id, trace, span });
    } catch (error) {
      if (trace && job.id !== undefined) this.failedTraces.set(job.id, trace);
      span?.fail(reasonOf(error), error instanceof Error ? error.name : typeof error);
      throw error;
    } finally {
      span?.end();
    }
    // A job still retrying stays `queued` in the log: only its end is recorded.
    if (trace) recorder!.processed(this.deliveryOf(job), this.logEntryOf(job)!, trace, 'delivered');
  }

  /** This worker and the legacy queue's. */
  get workers(): Worker[] {
    return this.legacy ? [this.worker, this.legacy] : [this.worker];
  }

  // Jobs an earlier version stored under the old queue name (or an older replica still stores there, during
  // a rolling upgrade) are processed like the others: a second worker on that name, with this worker's
  // settings (connection, prefix, concurrency, locks), once BullMQ's explorer has built this one.
  onApplicationBootstrap(): void {
    const legacy = new Worker(CINNOX_LEGACY_EVENTS_QUEUE, (job: Job<StoredJob>) => this.process(job), { ...this.worker.opts });
    legacy.on('failed', (job, error) => void this.onFailed(job, error));
    // Its connection errors are the main worker's too (same Redis), which reports them: not twice.
    legacy.on('error', () => undefined);
    this.legacy = legacy;
  }

  // Listeners' own resources (a Redis client, a pool) close in onApplicationShutdown, where BullMQ would
  // close the worker too, in no set order: the worker stops taking jobs first and lets the current ones
  // finish, within the shutdown grace period; after it they are cut off (and retried by another worker).
  async beforeApplicationShutdown(): Promise<void> {
    const signal = this.queue.consumerIfAttached?.shutdownSignal;
    const over = new Promise<true>((resolve) => {
      if (signal?.aborted) resolve(true);
      else signal?.addEventListener('abort', () => resolve(true), { once: true });
    });
    const workers = this.workers;
    const cutOff = await Promise.race([Promise.all(workers.map((worker) => worker.close())).then(() => false), over]);
    if (cutOff) await Promise.all(workers.map((worker) => worker.close(true)));
  }

  // BullMQ calls this from an EventEmitter, which drops the promise: it must never reject.
  @OnWorkerEvent('failed')
  async onFailed(job: Job<StoredJob> | undefined, error: Error): Promise<void> {
    const trace = job?.id === undefined ? undefined : this.failedTraces.get(job.id);
    if (job?.id !== undefined) this.failedTraces.delete(job.id);
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const entryId = this.logEntryOf(job);
    const recorder = entryId === undefined ? undefined : this.deliveryRecorder();
    // Out of attempts: dead-lettered in the log whether or not the move below succeeds (the job is not retried).
    if (recorder) recorder.processed(this.deliveryOf(job), entryId!, trace ?? new CinnoxDeliveryTrace(), 'dead-lettered');
    // The key holds the request's ids: escaped, so it cannot forge a log line.
    const failed = `Event ${job.data.key} failed ${job.attemptsMade} times`;
    try {
      await this.deadLetters.add(
        'dead-event',
        { ...job.data, error: error.message, attempts: job.attemptsMade },
        // For a worker the host may run on the dead-letter queue: what it finishes is kept within the same bounds.
        { jobId: job.id, removeOnComplete: this.kept, removeOnFail: this.kept },
      );
    } catch (moving) {
      this.logger.error(
        escapeControlChars(
          `${failed} (${error.message}) and could not be moved to ${CINNOX_DEAD_LETTER_QUEUE}: ${reasonOf(moving)}; ` +
            `it stays in ${job.queueName} as failed, until retentionMs.`,
        ),
      );
      return;
    }
    this.logger.error(escapeControlChars(`${failed}; moved to ${CINNOX_DEAD_LETTER_QUEUE}: ${error.message}`));
    try {
      await this.trimDeadLetters();
    } catch (trimming) {
      this.logger.warn(
        escapeControlChars(`Could not trim ${CINNOX_DEAD_LETTER_QUEUE} (the next dead letter tries again): ${reasonOf(trimming)}`),
      );
    }
  }

  private logEntryOf(job: Job<StoredJob>): string | undefined {
    return job.data.hook === undefined ? undefined : job.data.logEntryId;
  }

  private deliveryOf(job: Job<StoredJob>): CinnoxAcceptedDelivery {
    const data = job.data as CinnoxEventJob;
    return { hook: CINNOX_HOOK_DEFINITIONS[data.hook], key: data.key, body: data.body, receivedAt: new Date(data.receivedAt) };
  }

  // The delivery log, when this process has it on (workers need the same deliveryLog option as the webhook).
  private deliveryRecorder(): CinnoxDeliveryRecorder | undefined {
    return this.queue.consumerIfAttached?.recorder;
  }

  private get kept(): { age: number; count: number } {
    return { age: Math.ceil(this.deadLetter.maxAgeMs / 1000), count: this.deadLetter.maxCount };
  }

  // Dead letters wait for no worker, so removeOnComplete/removeOnFail never fire for them: the queue is
  // trimmed on each arrival, the oldest first (BullMQ's wait list holds the oldest at its tail).
  private async trimDeadLetters(): Promise<void> {
    const { maxAgeMs, maxCount } = this.deadLetter;
    let aged: string[];
    do aged = await this.deadLetters.clean(maxAgeMs, TRIM_BATCH, 'wait');
    while (aged.length === TRIM_BATCH);
    const excess = (await this.deadLetters.getWaitingCount()) - maxCount;
    if (excess > 0) await this.deadLetters.clean(0, excess, 'wait');
  }
}

/** The processor with this module's worker settings (the `@Processor` options are class metadata). */
export function configuredProcessor(options: {
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  connection?: ConnectionOptions;
}): Type<CinnoxEventProcessor> {
  class ConfiguredCinnoxEventProcessor extends CinnoxEventProcessor {}
  Processor(CINNOX_EVENTS_QUEUE, {
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
    ...(options.connection ? { connection: options.connection } : {}),
  })(ConfiguredCinnoxEventProcessor);
  return ConfiguredCinnoxEventProcessor;
}
