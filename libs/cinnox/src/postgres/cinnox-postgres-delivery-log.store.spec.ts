import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDeliveryLogStoreContract, logEntry } from '../../../../test/support/delivery-log-store.contract.js';
import { dropSchema, postgresAvailable, postgresPool, testSchema } from '../../../../test/support/postgres.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import { CinnoxPostgresCallStore } from './cinnox-postgres-call.store.js';
import { CinnoxPostgresDeliveryLogStore } from './cinnox-postgres-delivery-log.store.js';

const reachable = await postgresAvailable('the PostgreSQL delivery log tests');

describe.skipIf(!reachable)('CinnoxPostgresDeliveryLogStore (real PostgreSQL)', () => {
  const pool = postgresPool(10);
  const schemas = new Set<string>();
  const freshSchema = () => {
    const schema = testSchema();
    schemas.add(schema);
    return schema;
  };
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  describeDeliveryLogStoreContract('CinnoxPostgresDeliveryLogStore', () => new CinnoxPostgresDeliveryLogStore(pool, freshSchema()));

  it('migrates once when several stores start at once, and again is a no-op', async () => {
    const schema = freshSchema();
    // Separate pools: separate processes as far as PostgreSQL can tell.
    const pools = [postgresPool(2), postgresPool(2), postgresPool(2)];
    try {
      const stores = pools.flatMap((each) => [new CinnoxPostgresDeliveryLogStore(each, schema), new CinnoxPostgresCallStore(each, schema)]);
      await Promise.all(stores.map((store) => store.migrate()));
      await new CinnoxPostgresDeliveryLogStore(pool, schema).migrate();
      await new CinnoxPostgresCallStore(pool, schema).migrate();
    } finally {
      await Promise.all(pools.map((each) => each.end()));
    }
    const { rows } = await pool.query(`SELECT component, version FROM "${schema}".migrations ORDER BY component`);
    expect(rows).toEqual([
      { component: 'calls', version: 3 },
      { component: 'delivery_log', version: 1 },
    ]);
    const { rows: indexes } = await pool.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'delivery_log' ORDER BY 1`,
      [schema],
    );
    expect(indexes.map((row) => row.indexname)).toEqual([
      'delivery_log_call',
      'delivery_log_failed_received',
      'delivery_log_pkey',
      'delivery_log_received',
    ]);
  });

  it('uses the index for a failed-only listing of a time window', async () => {
    const schema = freshSchema();
    const store = new CinnoxPostgresDeliveryLogStore(pool, schema);
    await store.write(Array.from({ length: 2000 }, (_, i) => logEntry(`e${i}`, i, { outcome: i % 100 === 0 ? 'failed' : 'delivered' })));
    await pool.query(`ANALYZE "${schema}".delivery_log`);
    const { rows } = await pool.query(
      `EXPLAIN SELECT * FROM "${schema}".delivery_log WHERE received_at >= now() - interval '1 day' AND outcome IN ('failed', 'dead-lettered') ORDER BY received_at, id LIMIT 101`,
    );
    expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('delivery_log_failed_received');
    expect((await store.list({ limit: 1000, failedOnly: true })).entries).toHaveLength(20);
  });

  it('refuses a schema name that is not a plain identifier, before any query', () => {
    expect(() => new CinnoxPostgresDeliveryLogStore(pool, 'cinnox"; DROP TABLE x; --')).toThrow(CinnoxOptionsError);
    expect(() => new CinnoxPostgresCallStore(pool, 'Upper')).toThrow(/lowercase identifier/);
  });
});

// The store takes anything with node-postgres's query(text, values): an embedded PGlite, no server.
describe('CinnoxPostgresDeliveryLogStore on an embedded PGlite', () => {
  const db = new PGlite();
  afterAll(() => db.close());
  let n = 0;
  describeDeliveryLogStoreContract(
    'CinnoxPostgresDeliveryLogStore (PGlite)',
    () => new CinnoxPostgresDeliveryLogStore(db, `pglite_${n++}`),
  );
});
