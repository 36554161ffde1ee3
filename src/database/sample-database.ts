import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { CinnoxPostgresQueryable } from 'nestjs-cinnox/postgres';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { lockDataDir } from './data-dir-lock.js';

/** Longest wait for a connection from the pool: a server that is down fails a read, not holds it. */
export const DATABASE_CONNECT_TIMEOUT_MS = 1000;

/**
 * The sample's PostgreSQL, where the delivery log and the calls are kept: a real server (DATABASE_URL) through
 * a `pg` pool, else an embedded PGlite in CINNOX_DATA_DIR, locked to this process. `db` is undefined when
 * nothing needs a database (queue mode without DATABASE_URL keeps its calls in Redis, with the log off).
 */
export class SampleDatabase implements OnApplicationShutdown {
  private closing?: Promise<void>;

  private constructor(
    readonly db: CinnoxPostgresQueryable | undefined,
    readonly schema: string,
    private readonly close: () => Promise<void>,
  ) {}

  /** Calls go to PostgreSQL unless queue mode keeps them in Redis (no DATABASE_URL). */
  static callsInDatabase(config: AppConfig): boolean {
    return config.database.url !== undefined || config.mode !== 'queue';
  }

  static async open(config: AppConfig): Promise<SampleDatabase> {
    const { url, dataDir, schema } = config.database;
    if (!SampleDatabase.callsInDatabase(config) && !config.deliveryLog.enabled) {
      return new SampleDatabase(undefined, schema, async () => undefined);
    }
    if (url !== undefined) {
      const logger = new Logger('Database');
      const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS });
      // An idle client's error would otherwise be thrown as an unhandled 'error' event and end the process.
      pool.on('error', (error) => logger.warn(`A PostgreSQL connection failed: ${error.message}`));
      return new SampleDatabase(pool, schema, () => pool.end());
    }
    const release = lockDataDir(dataDir);
    try {
      // Loaded only here: a deployment on a real server never loads PGlite's WebAssembly.
      const { PGlite } = await import('@electric-sql/pglite');
      const lite = await PGlite.create(dataDir);
      return new SampleDatabase(lite, schema, async () => {
        try {
          await lite.close();
        } finally {
          release();
        }
      });
    } catch (error) {
      release();
      throw error;
    }
  }

  // DatabaseModule is imported before CinnoxModule: both global, it shuts down after it, so the delivery
  // log's last flush still finds the database open. Once only (bootstrap closes it when Nest fails to start).
  onApplicationShutdown(): Promise<void> {
    this.closing ??= this.close();
    return this.closing;
  }
}
