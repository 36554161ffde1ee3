import { BullModule } from '@nestjs/bullmq';
import type { DynamicModule, Provider } from '@nestjs/common';
import { CinnoxQueueModule } from 'nestjs-cinnox/queue';
import type { AppConfig } from '../config/app-config.js';
import { CallJournal } from './call-journal.listener.js';
import { toRedisConnection } from './redis-connection.js';

/** BullMQ's connections as it recommends: the producer fails fast when Redis is offline, the worker waits. */
export function queueModeImports(config: AppConfig): DynamicModule[] {
  const connection = toRedisConnection(config.redisUrl);
  return [
    BullModule.forRoot({ connection, prefix: config.queuePrefix }),
    CinnoxQueueModule.forRoot({
      worker: config.queueWorker,
      lockDurationMs: config.queueLockMs,
      stalledIntervalMs: config.queueLockMs,
      producerConnection: { ...connection, enableOfflineQueue: false },
      workerConnection: { ...connection, maxRetriesPerRequest: null },
    }),
  ];
}

/** Queue mode's listeners: the idempotent call journal in Redis. */
export function queueModeProviders(config: AppConfig): Provider[] {
  return config.mode === 'queue' ? [CallJournal] : [];
}
