import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { CinnoxMemoryCallStore, type CinnoxCallStore } from 'nestjs-cinnox';
import { CinnoxRedisCallStore } from 'nestjs-cinnox/redis';
import type { AppConfigNamespace } from '../config/app.config.js';

/**
 * The call tracker's store: in memory inline; in queue mode, Redis, shared by every replica so each
 * answers GET /calls/:id the same. Owns the Redis client it opens.
 */
@Injectable()
export class CallStoreFactory implements OnApplicationShutdown {
  private readonly logger = new Logger('CallStore');
  private readonly redis?: Redis;
  private readonly prefix: string;
  private down = false;

  constructor(settings: ConfigService<AppConfigNamespace, true>) {
    const { mode, redisUrl, queuePrefix } = settings.get('app', { infer: true });
    this.prefix = `${queuePrefix}:calls:`;
    if (mode !== 'queue') return;
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    // Without an error listener ioredis prints "Unhandled error event" and a stack on every reconnect attempt:
    // one line per outage instead, as the call journal does.
    this.redis.on('error', (error: Error) => {
      if (!this.down) this.logger.warn(`The call store's Redis is unavailable (${error.message}); jobs are retried until it is back.`);
      this.down = true;
    });
    this.redis.on('ready', () => {
      if (this.down) this.logger.log("The call store's Redis is back.");
      this.down = false;
    });
  }

  create(): CinnoxCallStore {
    return this.redis ? new CinnoxRedisCallStore(this.redis, this.prefix) : new CinnoxMemoryCallStore();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit();
  }
}
