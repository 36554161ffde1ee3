import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { CinnoxMemoryCallStore, type CinnoxCallStore } from 'nestjs-cinnox';
import { CinnoxRedisCallStore } from 'nestjs-cinnox/redis';
import type { AppConfigNamespace } from '../config/app.config.js';
import { closeRedis, openRedis } from '../queue/redis-connection.js';

/**
 * The call tracker's store: in memory inline; in queue mode, Redis, shared by every replica so each
 * answers GET /calls/:id the same. Owns the Redis client it opens.
 */
@Injectable()
export class CallStoreFactory implements OnApplicationShutdown {
  private readonly logger = new Logger('CallStore');
  private readonly redis?: Redis;
  private readonly prefix: string;

  constructor(settings: ConfigService<AppConfigNamespace, true>) {
    const { mode, redisUrl, queuePrefix } = settings.get('app', { infer: true });
    this.prefix = `${queuePrefix}:calls:`;
    if (mode !== 'queue') return;
    this.redis = openRedis(redisUrl, this.logger, 'call store');
  }

  create(): CinnoxCallStore {
    return this.redis ? new CinnoxRedisCallStore(this.redis, this.prefix) : new CinnoxMemoryCallStore();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await closeRedis(this.redis);
  }
}
