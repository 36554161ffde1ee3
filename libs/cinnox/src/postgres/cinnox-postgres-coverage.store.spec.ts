import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { beat, describeCoverageStoreContract } from '../../../../test/support/coverage-store.contract.js';
import { dropSchema, postgresAvailable, postgresPool, testSchema } from '../../../../test/support/postgres.js';
import { CinnoxPostgresCoverageStore } from './cinnox-postgres-coverage.store.js';
import { CinnoxPostgresDeliveryLogStore } from './cinnox-postgres-delivery-log.store.js';

const reachable = await postgresAvailable('the PostgreSQL coverage store tests');

describe.skipIf(!reachable)('CinnoxPostgresCoverageStore (real PostgreSQL)', () => {
  const pool = postgresPool(10);
  const pools: ReturnType<typeof postgresPool>[] = [];
  const schemas = new Set<string>();
  const freshSchema = () => {
    const schema = testSchema();
    schemas.add(schema);
    return schema;
  };
  afterAll(async () => {
    await Promise.all(pools.map((each) => each.end()));
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  describeCoverageStoreContract(
    'CinnoxPostgresCoverageStore',
    () => new CinnoxPostgresCoverageStore(pool, freshSchema()),
    async () => {
      // Separate pools: separate processes as far as PostgreSQL can tell.
      const schema = freshSchema();
      const [one, two] = [postgresPool(2), postgresPool(2)];
      pools.push(one, two);
      const stores = [new CinnoxPostgresCoverageStore(one, schema), new CinnoxPostgresCoverageStore(two, schema)] as const;
      await Promise.all(stores.map((store) => store.migrate()));
      return [...stores];
    },
  );

  it('migrates beside the other stores in one schema, with the indexes it queries by', async () => {
    const schema = freshSchema();
    await Promise.all([
      new CinnoxPostgresCoverageStore(pool, schema).migrate(),
      new CinnoxPostgresDeliveryLogStore(pool, schema).migrate(),
    ]);
    await new CinnoxPostgresCoverageStore(pool, schema).migrate();
    const { rows } = await pool.query(`SELECT component, version FROM "${schema}".migrations ORDER BY component`);
    expect(rows).toEqual([
      { component: 'coverage', version: 1 },
      { component: 'delivery_log', version: 1 },
    ]);
    const { rows: indexes } = await pool.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename LIKE 'coverage%' ORDER BY 1`,
      [schema],
    );
    expect(indexes.map((row) => row.indexname)).toEqual([
      'coverage_gaps_hook_to',
      'coverage_gaps_pkey',
      'coverage_gaps_to',
      'coverage_heartbeats_pkey',
      'coverage_progress_pkey',
    ]);
  });

  it('reads the heartbeats after a time by the index, not a scan of them all', async () => {
    const schema = freshSchema();
    const store = new CinnoxPostgresCoverageStore(pool, schema);
    for (let i = 0; i < 50; i++) await store.beat(beat(`r${i % 2}`, i * 1000));
    await pool.query(
      `INSERT INTO "${schema}".coverage_heartbeats (at, replica, active) SELECT to_timestamp(g), 'old', '[]' FROM generate_series(1, 5000) g`,
    );
    await pool.query(`ANALYZE "${schema}".coverage_heartbeats`);
    const { rows } = await pool.query(
      `EXPLAIN SELECT * FROM "${schema}".coverage_heartbeats WHERE at > now() - interval '5 seconds' ORDER BY at, replica`,
    );
    expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('coverage_heartbeats_pkey');
  });
});

// The store takes anything with node-postgres's query(text, values): an embedded PGlite, no server.
describe('CinnoxPostgresCoverageStore on an embedded PGlite', () => {
  const db = new PGlite();
  afterAll(() => db.close());
  let n = 0;
  describeCoverageStoreContract(
    'CinnoxPostgresCoverageStore (PGlite)',
    () => new CinnoxPostgresCoverageStore(db, `pglite_${n++}`),
    async () => {
      const store = new CinnoxPostgresCoverageStore(db, `pglite_${n++}`);
      return [store, store];
    },
  );
});
