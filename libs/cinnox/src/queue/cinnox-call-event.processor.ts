import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { ConnectionOptions, Job, Queue } from 'bullmq';
import type { CinnoxCallEventJob } from '../events/call-event.dispatcher.js';
import { CallEventPublisher } from '../events/call-event.publisher.js';
import { CINNOX_CALL_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE } from './cinnox-queue.constants.js';

/**
 * The worker: emits each queued notification to the listeners, through the same publisher as inline
 * mode. A listener failure (with `suppressErrors: false`) fails the job, so BullMQ retries it with all
 * listeners (key side effects on `event.eventId`); after the last attempt it goes to the dead-letter queue.
 */
export class CinnoxCallEventProcessor extends WorkerHost {
  private readonly logger = new Logger('CinnoxQueue');
  private publisher?: CallEventPublisher;

  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectQueue(CINNOX_DEAD_LETTER_QUEUE) private readonly deadLetters: Queue,
  ) {
    super();
  }

  async process(job: Job<CinnoxCallEventJob>): Promise<void> {
    // CallEventPublisher belongs to CinnoxModule, which this module does not import (it cannot: the
    // host configures it); it is looked up once, across modules.
    const publisher = (this.publisher ??= this.moduleRef.get(CallEventPublisher, { strict: false })!);
    const { message, receivedAt } = job.data;
    // The job id names this delivery across its retries, so the call tracker can tell a retry from a redelivery.
    await publisher.publish(message, new Date(receivedAt), { rethrow: true, deliveryId: job.id });
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<CinnoxCallEventJob> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(
      `Call event ${job.data.key} failed ${job.attemptsMade} times; moved to ${CINNOX_DEAD_LETTER_QUEUE}: ${error.message}`,
    );
    await this.deadLetters.add('dead-call-event', { ...job.data, error: error.message, attempts: job.attemptsMade }, { jobId: job.id });
  }
}

/** The processor with this module's worker settings (the `@Processor` options are class metadata). */
export function configuredProcessor(options: {
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  connection?: ConnectionOptions;
}): Type<CinnoxCallEventProcessor> {
  class ConfiguredCinnoxCallEventProcessor extends CinnoxCallEventProcessor {}
  Processor(CINNOX_CALL_EVENTS_QUEUE, {
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
    ...(options.connection ? { connection: options.connection } : {}),
  })(ConfiguredCinnoxCallEventProcessor);
  return ConfiguredCinnoxCallEventProcessor;
}
