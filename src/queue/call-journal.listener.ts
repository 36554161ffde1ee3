import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { OnCallCompleted, OnCallEnd, OnCallStart, type CallCompletedEvent, type CallEndEvent, type CallStartEvent } from 'nestjs-cinnox';
import type { AppConfigNamespace } from '../config/app.config.js';
import { closeRedis, openRedis } from './redis-connection.js';

// Applies the effect once per event id and counts every delivery, in one atomic step: the pattern a
// listener with side effects follows in queue mode, where a crash can repeat a delivery.
const RECORD = `
if redis.call('SET', KEYS[1] .. ARGV[1], '1', 'NX', 'EX', 86400) then redis.call('HINCRBY', KEYS[2], ARGV[1], 1) end
return redis.call('HINCRBY', KEYS[3], ARGV[1], 1)`;

/**
 * Queue mode's sample listener: an idempotent journal of call events in Redis, shared by every replica
 * (`<prefix>:journal:effects` holds 1 per event id, `<prefix>:journal:deliveries` how often it arrived).
 */
@Injectable()
export class CallJournal implements OnApplicationShutdown {
  private readonly logger = new Logger('CallJournal');
  private readonly redis: Redis;
  private readonly keys: string[];

  constructor(settings: ConfigService<AppConfigNamespace, true>) {
    const config = settings.get('app', { infer: true });
    this.redis = openRedis(config.redisUrl, this.logger, 'call journal');
    const prefix = `${config.queuePrefix}:journal:`;
    this.keys = [`${prefix}done:`, `${prefix}effects`, `${prefix}deliveries`];
  }

  // A Redis failure fails the job (the library's decorators always surface it) and BullMQ retries it.
  @OnCallStart()
  async start(event: CallStartEvent): Promise<void> {
    await this.record(event.eventId);
  }

  @OnCallEnd()
  async end(event: CallEndEvent): Promise<void> {
    await this.record(event.eventId);
  }

  @OnCallCompleted()
  async completed(event: CallCompletedEvent): Promise<void> {
    await this.record(event.eventId);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }

  private async record(eventId: string): Promise<void> {
    await this.redis.eval(RECORD, 3, ...this.keys, eventId);
  }
}
