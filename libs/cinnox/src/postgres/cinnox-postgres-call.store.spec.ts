import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCallStoreContract, describeTrackerClockExpiry } from '../../../../test/support/call-store.contract.js';
import { dropSchema, postgresAvailable, postgresPool, testSchema } from '../../../../test/support/postgres.js';
import { CinnoxPostgresCallStore } from './cinnox-postgres-call.store.js';

const reachable = await postgresAvailable('the PostgreSQL call store tests');

describe.skipIf(!reachable)('CinnoxPostgresCallStore (real PostgreSQL)', () => {
  const pool = postgresPool(10);
  const schemas = new Set<string>();
  const named = new Map<string, string>();
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  // Each test its own schema; replicas of one test share theirs (each a store object of its own).
  describeCallStoreContract('CinnoxPostgresCallStore', (shared) => {
    const schema = (shared && named.get(shared)) ?? testSchema();
    if (shared) named.set(shared, schema);
    schemas.add(schema);
    return new CinnoxPostgresCallStore(pool, schema);
  });
  describeTrackerClockExpiry('CinnoxPostgresCallStore', () => {
    const schema = testSchema();
    schemas.add(schema);
    return new CinnoxPostgresCallStore(pool, schema);
  });

  it('deletes expired records in batches as later writes come, keeping live ones', async () => {
    const schema = testSchema();
    schemas.add(schema);
    const calls = new CinnoxPostgresCallStore(pool, schema);
    const times = (now: number) => ({ now, retentionMs: 1000, activeTtlMs: 5000 });
    await calls.end({ id: 'old', serviceId: 's', endedAt: 0 }, times(0));
    await calls.start({ id: 'live', serviceId: 's', caller: null, callees: [], startedAt: 0 }, times(0));
    await calls.claimStale(-1, 10, times(2000));
    const { rows } = await pool.query(`SELECT id FROM "${schema}".calls ORDER BY id`);
    expect(rows.map((row) => row.id)).toEqual(['live']);
  });
});

// The functions and locks work the same in an embedded PGlite (one connection: no races to lose there).
describe('CinnoxPostgresCallStore on an embedded PGlite', () => {
  const db = new PGlite();
  afterAll(() => db.close());
  const named = new Map<string, string>();
  describeCallStoreContract('CinnoxPostgresCallStore (PGlite)', (shared) => {
    const schema = (shared && named.get(shared)) ?? `pglite_${named.size}_${Math.random().toString(36).slice(2, 8)}`;
    if (shared) named.set(shared, schema);
    return new CinnoxPostgresCallStore(db, schema);
  });
});
