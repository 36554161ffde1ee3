import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { CinnoxEventQueue } from '../events/cinnox-event.queue.js';
import { CinnoxBullmqEventQueue } from './cinnox-bullmq-event.queue.js';
import { CinnoxEventProcessor, configuredProcessor } from './cinnox-event.processor.js';
import {
  CINNOX_QUEUE_MODULE_OPTIONS,
  CINNOX_QUEUE_OPTIONS_TYPE,
  CinnoxQueueConfigurableModuleClass,
  type CinnoxQueueModuleAsyncOptions,
} from './cinnox-queue.module-definition.js';
import { CINNOX_CALL_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE, CINNOX_QUEUE_OPTIONS } from './cinnox-queue.constants.js';
import { CinnoxQueueHealthIndicator } from './cinnox-queue.health.js';
import type { CinnoxQueueOptions } from './cinnox-queue-options.interface.js';

type ResolvedQueueOptions = Required<Omit<CinnoxQueueOptions, 'producerConnection' | 'workerConnection'>> &
  Pick<CinnoxQueueOptions, 'workerConnection'>;

// Defaults merged once, here.
const resolve = (options: CinnoxQueueOptions): ResolvedQueueOptions => ({
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
  workerConnection: options.workerConnection,
});

/**
 * Queue mode: import beside `CinnoxModule` (and the host's `BullModule.forRoot({ connection })`), and the
 * webhook enqueues each notification on BullMQ, answering 2xx only once Redis stored it; workers emit
 * the events. Global by default, so `CinnoxModule`'s webhook finds the queue (see `isGlobal`).
 * @publicApi
 */
@Module({})
export class CinnoxQueueModule extends CinnoxQueueConfigurableModuleClass {
  /** Queue mode with these options. */
  static override forRoot(options: typeof CINNOX_QUEUE_OPTIONS_TYPE = {}): DynamicModule {
    const { isGlobal, ...queue } = options;
    // An explicit `isGlobal: undefined` would override the default (true).
    return this.forRootAsync({ ...(isGlobal === undefined ? {} : { isGlobal }), useFactory: () => queue });
  }

  /** Queue mode with options from a factory, class or existing provider (e.g. `ConfigService`). */
  static override forRootAsync(options: CinnoxQueueModuleAsyncOptions): DynamicModule {
    const definition = super.forRootAsync(options);
    // The options are known only once the host's factory ran: the queue's producer connection and the
    // worker's settings are read from them, through this module's options provider.
    const optionsHost: DynamicModule = {
      module: class CinnoxQueueOptionsHost {},
      imports: definition.imports ?? [],
      providers: definition.providers ?? [],
      exports: [CINNOX_QUEUE_MODULE_OPTIONS],
    };
    return {
      module: CinnoxQueueModule,
      global: definition.global,
      imports: [
        optionsHost,
        BullModule.registerQueueAsync({
          name: CINNOX_CALL_EVENTS_QUEUE,
          imports: [optionsHost],
          inject: [CINNOX_QUEUE_MODULE_OPTIONS],
          useFactory: ({ producerConnection }: CinnoxQueueOptions) => (producerConnection ? { connection: producerConnection } : {}),
        }),
        BullModule.registerQueue({ name: CINNOX_DEAD_LETTER_QUEUE }),
      ],
      providers: [
        { provide: CINNOX_QUEUE_OPTIONS, useFactory: resolve, inject: [CINNOX_QUEUE_MODULE_OPTIONS] },
        { provide: CinnoxEventQueue, useClass: CinnoxBullmqEventQueue },
        CinnoxQueueHealthIndicator,
        {
          // A factory provider: BullMQ's explorer reads the worker settings from the instance's class.
          provide: CinnoxEventProcessor,
          useFactory: (resolved: ResolvedQueueOptions, moduleRef: ModuleRef, deadLetters: Queue) =>
            resolved.worker
              ? new (configuredProcessor({ ...resolved, connection: resolved.workerConnection }))(moduleRef, deadLetters)
              : {},
          inject: [CINNOX_QUEUE_OPTIONS, ModuleRef, getQueueToken(CINNOX_DEAD_LETTER_QUEUE)],
        },
      ],
      exports: [CinnoxEventQueue, CinnoxQueueHealthIndicator],
    };
  }
}
