import { BullModule } from '@nestjs/bullmq';
import type { DynamicModule, Provider } from '@nestjs/common';
import { CinnoxQueueModule } from 'nestjs-cinnox/queue';
import type { AppConfig } from '../config/app-config.js';
import { CallJournal } from './call-journal.listener.js';

/** BullMQ's connections as it recommends: the producer fails fast when Redis is offline, the worker waits. */
export function queueModeImports(config: AppConfig): DynamicModule[] {
  const url = new URL(config.redisUrl);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: Number(url.pathname.slice(1) || 0),
    password: url.password || undefined,
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
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
