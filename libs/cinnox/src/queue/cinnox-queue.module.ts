import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { CinnoxEventQueue } from '../events/cinnox-event-queue.js';
import { CinnoxBullmqEventQueue } from './cinnox-bullmq-event.queue.js';
import { configuredProcessor } from './cinnox-event.processor.js';
import { CINNOX_CALL_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE, CINNOX_QUEUE_OPTIONS } from './cinnox-queue.constants.js';
import { CinnoxQueueHealthIndicator } from './cinnox-queue.health.js';
import type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';

/**
 * Queue mode: import beside `CinnoxModule` (and the host's `BullModule.forRoot({ connection })`), and the
 * webhook enqueues each notification on BullMQ, answering 2xx only once Redis stored it; workers emit
 * the events. Global, so `CinnoxModule`'s webhook finds the queue.
 * @publicApi
 */
@Module({})
export class CinnoxQueueModule {
  static forRoot(options: CinnoxQueueOptions = {}): DynamicModule {
    const { producerConnection, workerConnection } = options;
    const resolved: Required<Omit<CinnoxQueueOptions, 'producerConnection' | 'workerConnection'>> = {
      worker: options.worker ?? true,
      attempts: options.attempts ?? 5,
      backoffMs: options.backoffMs ?? 1000,
      concurrency: options.concurrency ?? 50,
      retentionMs: options.retentionMs ?? 86_400_000,
      enqueueTimeoutMs: options.enqueueTimeoutMs ?? 2000,
      batchWindowMs: options.batchWindowMs ?? 0,
      maxBatch: options.maxBatch ?? 100,
      lockDurationMs: options.lockDurationMs ?? 30_000,
      stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
    };
    return {
      module: CinnoxQueueModule,
      global: true,
      imports: [
        BullModule.registerQueue(
          { name: CINNOX_CALL_EVENTS_QUEUE, ...(producerConnection ? { connection: producerConnection } : {}) },
          { name: CINNOX_DEAD_LETTER_QUEUE },
        ),
      ],
      providers: [
        { provide: CINNOX_QUEUE_OPTIONS, useValue: resolved },
        { provide: CinnoxEventQueue, useClass: CinnoxBullmqEventQueue },
        CinnoxQueueHealthIndicator,
        ...(resolved.worker ? [configuredProcessor({ ...resolved, connection: workerConnection })] : []),
      ],
      exports: [CinnoxEventQueue, CinnoxQueueHealthIndicator],
    };
  }
}
