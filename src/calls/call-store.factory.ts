import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import type { CinnoxCallStore } from 'nestjs-cinnox';
import { CinnoxPostgresCallStore } from 'nestjs-cinnox/postgres';
import { CinnoxRedisCallStore } from 'nestjs-cinnox/redis';
import type { AppConfigNamespace } from '../config/app.config.js';
import { SampleDatabase } from '../database/sample-database.js';
import { closeRedis, openRedis } from '../queue/redis-connection.js';

/**
 * The call tracker's store: PostgreSQL (DATABASE_URL, or the embedded PGlite), so calls outlive the process;
 * in queue mode without DATABASE_URL, Redis, shared by every replica so each answers GET /calls/:id the
 * same (an embedded database serves one process). Owns the Redis client it opens.
 */
@Injectable()
export class CallStoreFactory implements OnApplicationShutdown {
  private readonly logger = new Logger('CallStore');
  private readonly redis?: Redis;
  private readonly prefix: string;

  constructor(
    settings: ConfigService<AppConfigNamespace, true>,
    private readonly database: SampleDatabase,
  ) {
    const config = settings.get('app', { infer: true });
    this.prefix = `${config.queuePrefix}:calls:`;
    if (SampleDatabase.callsInDatabase(config)) return;
    this.redis = openRedis(config.redisUrl, this.logger, 'call store');
  }

  create(): CinnoxCallStore {
    if (this.redis) return new CinnoxRedisCallStore(this.redis, this.prefix);
    return new CinnoxPostgresCallStore(this.database.db!, this.database.schema);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await closeRedis(this.redis);
  }
}
