import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CinnoxEventQueue, type CinnoxEventJob } from '../events/cinnox-event.queue.js';
import { CINNOX_CALL_EVENTS_QUEUE, CINNOX_QUEUE_OPTIONS } from './cinnox-queue.constants.js';
import type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';
import { toJobId } from './to-job-id.js';
import { settleWithin } from './settle-within.js';

/**
 * Enqueues each notification of every hook on one BullMQ queue, with its dedupe key as job id: BullMQ
 * ignores a second job with the id of one it still holds, so redeliveries landing on any replica are
 * stored once.
 */
@Injectable()
export class CinnoxBullmqEventQueue extends CinnoxEventQueue {
  constructor(
    @InjectQueue(CINNOX_CALL_EVENTS_QUEUE) private readonly queue: Queue,
    @Inject(CINNOX_QUEUE_OPTIONS) private readonly options: Required<Omit<CinnoxQueueOptions, 'producerConnection' | 'workerConnection'>>,
  ) {
    super();
  }

  async enqueue(job: CinnoxEventJob): Promise<void> {
    const { attempts, backoffMs, retentionMs, enqueueTimeoutMs } = this.options;
    const age = Math.ceil(retentionMs / 1000);
    // The job's name is its hook, so a queue dashboard tells them apart.
    const added = this.queue.add(job.hook, job, {
      jobId: toJobId(job.key),
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      removeOnComplete: { age },
      removeOnFail: { age },
    });
    await settleWithin(added, enqueueTimeoutMs, 'store the job');
  }
}
