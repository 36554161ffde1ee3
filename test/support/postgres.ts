import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The machine's real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, trust auth). */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL answers. In CI a missing PostgreSQL is a failure; elsewhere its tests are skipped with
 * one line saying why.
 */
export async function postgresAvailable(what: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  if (!reachable && process.env.CI) throw new Error(`PostgreSQL is not reachable at ${DATABASE_URL}; CI needs it for ${what}.`);
  if (!reachable) console.warn(`Skipping ${what}: no PostgreSQL at ${DATABASE_URL} (set DATABASE_URL to run them).`);
  return reachable;
}

/** A schema name of its own for one test file (or test), so tests never share tables. */
export const testSchema = (): string => `cinnox_test_${randomBytes(6).toString('hex')}`;

/** A pool on the real PostgreSQL. */
export const postgresPool = (max = 5): pg.Pool => new pg.Pool({ connectionString: DATABASE_URL, max });

/** Drops `schema` and all it holds, so a test leaves nothing behind. */
export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
