import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CinnoxEventQueue } from '../core/cinnox-event.queue.js';
import { CinnoxBullmqEventQueue } from './cinnox-bullmq-event.queue.js';
import { CinnoxEventProcessor, configuredProcessor } from './cinnox-event.processor.js';
import {
  CINNOX_QUEUE_MODULE_OPTIONS,
  CINNOX_QUEUE_OPTIONS_TYPE,
  CinnoxQueueConfigurableModuleClass,
  type CinnoxQueueModuleAsyncOptions,
} from './cinnox-queue.module-definition.js';
import { CINNOX_EVENTS_QUEUE, CINNOX_DEAD_LETTER_QUEUE, CINNOX_QUEUE_OPTIONS } from './cinnox-queue.constants.js';
import { CinnoxQueueHealthIndicator } from './cinnox-queue.health.js';
import { CinnoxQueueShutdown } from './cinnox-queue.shutdown.js';
import type { CinnoxDeadLetterOptions, CinnoxQueueOptions } from './cinnox-queue-options.interface.js';
import { checkQueueOptions } from './check-queue-options.js';

type ResolvedQueueOptions = Required<Omit<CinnoxQueueOptions, 'producerConnection' | 'workerConnection' | 'deadLetter'>> &
  Pick<CinnoxQueueOptions, 'workerConnection'> & { deadLetter: Required<CinnoxDeadLetterOptions> };

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
  deadLetter: { maxAgeMs: options.deadLetter?.maxAgeMs ?? 604_800_000, maxCount: options.deadLetter?.maxCount ?? 10_000 },
  workerConnection: options.workerConnection,
});

// Fails start-up on a bad option (see checkQueueOptions) before BullMQ or a worker uses it.
const resolveChecked = (options: CinnoxQueueOptions | undefined): ResolvedQueueOptions =>
  checkQueueOptions(resolve(options ?? {}), options?.producerConnection);

/**
 * Queue mode: import beside `CinnoxModule` (and the host's `BullModule.forRoot({ connection })`), and the
 * webhook routes enqueue each notification of every hook on BullMQ, answering 2xx only once Redis stored it;
 * workers emit the events. Global by default, so `CinnoxModule`'s routes find the queue (see `isGlobal`).
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
          name: CINNOX_EVENTS_QUEUE,
          imports: [optionsHost],
          inject: [CINNOX_QUEUE_MODULE_OPTIONS],
          // Checked here too: this factory runs first, and BullMQ connects with what it returns.
          useFactory: (options: CinnoxQueueOptions | undefined) => {
            const { producerConnection } = options ?? {};
            resolveChecked(options);
            return producerConnection ? { connection: producerConnection } : {};
          },
        }),
        // Built only once the options passed their check too: a refused boot leaves no BullMQ connection behind.
        BullModule.registerQueueAsync({
          name: CINNOX_DEAD_LETTER_QUEUE,
          imports: [optionsHost],
          inject: [CINNOX_QUEUE_MODULE_OPTIONS],
          useFactory: (options: CinnoxQueueOptions | undefined) => {
            resolveChecked(options);
            return {};
          },
        }),
      ],
      providers: [
        { provide: CINNOX_QUEUE_OPTIONS, useFactory: resolveChecked, inject: [CINNOX_QUEUE_MODULE_OPTIONS] },
        { provide: CinnoxEventQueue, useClass: CinnoxBullmqEventQueue },
        CinnoxQueueHealthIndicator,
        CinnoxQueueShutdown,
        {
          // A factory provider: BullMQ's explorer reads the worker settings from the instance's class.
          provide: CinnoxEventProcessor,
          useFactory: (resolved: ResolvedQueueOptions, queue: CinnoxEventQueue, deadLetters: Queue) =>
            resolved.worker
              ? new (configuredProcessor({ ...resolved, connection: resolved.workerConnection }))(queue, deadLetters, resolved.deadLetter)
              : {},
          inject: [CINNOX_QUEUE_OPTIONS, CinnoxEventQueue, getQueueToken(CINNOX_DEAD_LETTER_QUEUE)],
        },
      ],
      exports: [CinnoxEventQueue, CinnoxQueueHealthIndicator],
    };
  }
}
