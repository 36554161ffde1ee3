import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { CinnoxEventQueue, type CinnoxEventJob } from '../core/cinnox-event.queue.js';
import { CINNOX_EVENTS_QUEUE, CINNOX_QUEUE_OPTIONS } from './cinnox-queue.constants.js';
import type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';
import { toJobId } from './to-job-id.js';

type DispatcherOptions = Required<
  Omit<CinnoxQueueOptions, 'producerConnection' | 'workerConnection' | 'batchWindowMs' | 'maxBatch' | 'deadLetter'>
> &
  Pick<CinnoxQueueOptions, 'batchWindowMs' | 'maxBatch'>;

/** Jobs collected for one Redis round trip, and the callers waiting on it. */
interface Batch {
  jobs: { name: string; data: CinnoxEventJob; opts: JobsOptions }[];
  settle: { resolve: () => void; reject: (error: unknown) => void }[];
  timeout: NodeJS.Timeout;
  flushed: boolean;
}

/**
 * Enqueues each notification of every hook on one BullMQ queue, with its dedupe key as job id: BullMQ
 * ignores a second job with the id of one it still holds, so redeliveries landing on any replica are
 * stored once. Deliveries that arrive together share one Redis round trip (group commit with `addBulk`);
 * each caller still waits until Redis stored the batch holding its job.
 */
@Injectable()
export class CinnoxBullmqEventQueue extends CinnoxEventQueue {
  private batch?: Batch;
  private readonly windowMs: number;
  private readonly maxBatch: number;

  constructor(
    @InjectQueue(CINNOX_EVENTS_QUEUE) private readonly queue: Queue,
    @Inject(CINNOX_QUEUE_OPTIONS) private readonly options: DispatcherOptions,
  ) {
    super();
    this.windowMs = options.batchWindowMs ?? 0;
    this.maxBatch = Math.max(1, options.maxBatch ?? 100);
  }

  enqueue(job: CinnoxEventJob): Promise<void> {
    const { attempts, backoffMs, retentionMs } = this.options;
    const age = Math.ceil(retentionMs / 1000);
    const batch = (this.batch ??= this.openBatch());
    // The job's name is its hook, so a queue dashboard tells them apart.
    batch.jobs.push({
      name: job.hook,
      data: job,
      opts: {
        jobId: toJobId(job.key),
        attempts,
        backoff: { type: 'exponential', delay: backoffMs },
        removeOnComplete: { age },
        removeOnFail: { age },
      },
    });
    const stored = new Promise<void>((resolve, reject) => batch.settle.push({ resolve, reject }));
    if (batch.jobs.length >= this.maxBatch) this.flush(batch);
    return stored;
  }

  private openBatch(): Batch {
    const { enqueueTimeoutMs } = this.options;
    // One timer per batch bounds every caller in it: each joined the batch after it opened.
    const batch: Batch = {
      jobs: [],
      settle: [],
      flushed: false,
      timeout: setTimeout(() => this.fail(batch, new Error(`Redis did not store the job within ${enqueueTimeoutMs} ms`)), enqueueTimeoutMs),
    };
    // setImmediate runs after the current I/O phase: every request parsed in it joins this batch, and a
    // lone delivery waits for no timer.
    if (this.windowMs > 0) setTimeout(() => this.flush(batch), this.windowMs);
    else setImmediate(() => this.flush(batch));
    return batch;
  }

  private flush(batch: Batch): void {
    if (batch.flushed) return;
    batch.flushed = true;
    if (this.batch === batch) this.batch = undefined;
    // A single job goes through add(), which skips addBulk's MULTI/EXEC.
    const added =
      batch.jobs.length === 1
        ? this.queue.add(batch.jobs[0]!.name, batch.jobs[0]!.data, batch.jobs[0]!.opts)
        : this.queue.addBulk(batch.jobs);
    added.then(
      () => {
        clearTimeout(batch.timeout);
        for (const { resolve } of batch.settle) resolve();
      },
      (error: unknown) => this.fail(batch, error),
    );
  }

  // Rejecting twice (timeout, then the late Redis error) is harmless: a settled promise ignores it.
  private fail(batch: Batch, error: unknown): void {
    clearTimeout(batch.timeout);
    if (this.batch === batch) this.batch = undefined;
    batch.flushed = true;
    for (const { reject } of batch.settle) reject(error);
  }
}
