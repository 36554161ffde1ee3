import type { LoggerService } from '@nestjs/common';
import { CinnoxStatus } from 'nestjs-cinnox';
import type { CinnoxSimulator } from 'nestjs-cinnox/testing';
import pg from 'pg';
import { bootstrap } from '../../src/bootstrap.js';
import { E2E_ADAPTER, e2eHost, type E2eHost } from './e2e-host.js';
import { DATABASE_URL, dropSchema, testSchema } from './postgres.js';

// The webhook URL must carry the app's port, known only once it listens: with a real CINNOX configured
// (CINNOX_BASE_URL) and no CINNOX_WEBHOOK_URL, the library subscribes nothing, and a test subscribes
// `webhookUrl` through the app's own CinnoxSubscriptionService. The embedded mode derives the URL itself.

/** The sample app as the tests drive it, with the state of the library's call subscription. */
export interface SampleHost extends E2eHost {
  subscriptionState(): string | undefined;
}

/** The variables that point the sample app at `simulator`. */
export function cinnoxEnv(simulator: CinnoxSimulator): NodeJS.ProcessEnv {
  return { CINNOX_BASE_URL: simulator.baseUrl, CINNOX_APP_ID: simulator.appId, CINNOX_APP_TOKEN: simulator.appToken };
}

/** How the sample logs: `false` (off), a test's logger, or `'app'` for its own AppLogger on stdout. */
export type SampleLogger = LoggerService | false | 'app';

/**
 * Where a test's sample keeps its log and calls unless the test says (DATABASE_URL, CINNOX_DATA_DIR): never the
 * embedded default folder, which every test would share. Inline: the machine's PostgreSQL, in a schema of
 * its own dropped at close. Queue mode: calls in Redis as before, the log off, so no database at all.
 */
function databaseEnv(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; ownSchema?: string } {
  if (env.DATABASE_URL !== undefined || env.CINNOX_DATA_DIR !== undefined) return { env };
  if (env.CINNOX_MODE === 'queue') return { env: { CINNOX_DELIVERY_LOG: 'off', ...env } };
  const ownSchema = env.CINNOX_DB_SCHEMA === undefined ? testSchema() : undefined;
  return { env: { DATABASE_URL, CINNOX_DB_SCHEMA: ownSchema, ...env }, ownSchema };
}

/** Boots the sample app (src/bootstrap.ts) on 127.0.0.1:0 with the suite's HTTP adapter, `env` on top; logging off unless `logger` says. */
export async function startSampleHost(env: NodeJS.ProcessEnv, logger: SampleLogger = false): Promise<SampleHost> {
  const database = databaseEnv(env);
  const { app } = await bootstrap(
    { HTTP_ADAPTER: E2E_ADAPTER, PORT: '0', HOST: '127.0.0.1', ...database.env },
    logger === 'app' ? undefined : logger,
  );
  const host = e2eHost(app);
  let closing: Promise<void> | undefined;
  const close = async () => {
    await host.close();
    if (database.ownSchema === undefined) return;
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
    try {
      await dropSchema(pool, database.ownSchema);
    } finally {
      await pool.end();
    }
  };
  return {
    ...host,
    close: () => (closing ??= close()),
    subscriptionState: () => app.get(CinnoxStatus).lifecycle('call')?.state,
  };
}
