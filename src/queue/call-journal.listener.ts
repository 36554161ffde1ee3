import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { OnCallCompleted, OnCallEnd, OnCallStart, type CallCompletedEvent, type CallEndEvent, type CallStartEvent } from 'nestjs-cinnox';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';

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
  private down = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
    // Without an error listener ioredis prints "Unhandled error event" and a stack on every reconnect attempt:
    // one warn line per outage instead (the listener's failures make BullMQ retry the jobs meanwhile).
    this.redis.on('error', (error: Error) => {
      if (!this.down) this.logger.warn(`The call journal's Redis is unavailable (${error.message}); jobs are retried until it is back.`);
      this.down = true;
    });
    this.redis.on('ready', () => {
      if (this.down) this.logger.log("The call journal's Redis is back.");
      this.down = false;
    });
    const prefix = `${config.queuePrefix}:journal:`;
    this.keys = [`${prefix}done:`, `${prefix}effects`, `${prefix}deliveries`];
  }

  // suppressErrors: false, so a Redis failure fails the job and BullMQ retries it.
  @OnCallStart({ suppressErrors: false })
  async start(event: CallStartEvent): Promise<void> {
    await this.record(event.eventId);
  }

  @OnCallEnd({ suppressErrors: false })
  async end(event: CallEndEvent): Promise<void> {
    await this.record(event.eventId);
  }

  @OnCallCompleted({ suppressErrors: false })
  async completed(event: CallCompletedEvent): Promise<void> {
    await this.record(event.eventId);
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for an answer a Redis that is down never gives.
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }

  private async record(eventId: string): Promise<void> {
    await this.redis.eval(RECORD, 3, ...this.keys, eventId);
  }
}
