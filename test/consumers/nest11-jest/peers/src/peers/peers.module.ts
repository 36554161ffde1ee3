import { BullModule } from '@nestjs/bullmq';
import { Controller, Get, Injectable, Module, Optional, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { CallStartEvent, CinnoxModule, OnCallStart } from 'nestjs-cinnox';
import { CinnoxHealthIndicator, CinnoxHealthModule } from 'nestjs-cinnox/health';
import { CinnoxQueueHealthIndicator, CinnoxQueueModule } from 'nestjs-cinnox/queue';
import { CinnoxRedisCallStore, CinnoxRedisDedupeStore } from 'nestjs-cinnox/redis';

// The health, queue and redis entries in a NestJS 11 app, as the README wires them.

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cinnox: CinnoxHealthIndicator,
    @Optional() private readonly queue?: CinnoxQueueHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    const queue = this.queue;
    return this.health.check([() => this.cinnox.check('cinnox', { maxSilenceMs: 15 * 60_000 }), ...(queue ? [() => queue.check('queue')] : [])]);
  }
}

@Injectable()
export class HeardCalls {
  readonly ids: string[] = [];

  @OnCallStart()
  started(event: CallStartEvent): void {
    this.ids.push(event.callId);
  }
}

export interface PeersSettings {
  baseUrl: string;
  appId: string;
  appToken: string;
  redis: Redis;
  /** Prefix of every Redis key this app writes. */
  prefix: string;
  /** Queue mode: the webhook enqueues on BullMQ and a worker emits. */
  queue?: { host: string; port: number; db?: number };
}

@Module({ imports: [CinnoxHealthModule], controllers: [HealthController] })
class HealthModule {}

/** Inline mode with the Redis stores, or queue mode; the `call` and `recording` hooks; the health route. */
export function peersModule(settings: PeersSettings): DynamicModule {
  const { baseUrl, appId, appToken, redis, prefix, queue } = settings;
  return {
    module: class PeersAppModule {},
    imports: [
      EventEmitterModule.forRoot(),
      ...(queue
        ? [BullModule.forRoot({ connection: queue, prefix: `${prefix}bull` }), CinnoxQueueModule.forRoot({ attempts: 2, worker: true })]
        : []),
      CinnoxModule.forRoot({
        baseUrl,
        appId,
        appToken,
        hooks: ['call', 'recording'],
        webhook: { dedupeStore: new CinnoxRedisDedupeStore(redis, `${prefix}dedupe:`) },
        calls: { track: true, store: new CinnoxRedisCallStore(redis, `${prefix}calls:`) },
      }),
      HealthModule,
    ],
    providers: [HeardCalls],
  };
}
