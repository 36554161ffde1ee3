import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CinnoxPostgresDeliveryLogStore } from 'nestjs-cinnox/postgres';

// Scenario "postgres-busy": PostgreSQL doing the delivery log's writes for the library server's requests, without
// the library doing any of it. The server (BENCH_POSTGRES_LOAD=1) forks this process and sends it, every 100 ms,
// how many requests it answered; this inserts as many rows into a delivery_log table the PostgreSQL store made
// (same columns, same indexes), 500 per statement like the log's default batch, with the store's statement. Each
// statement's JSON is made once at start and its ids by PostgreSQL, so this process costs next to nothing: what
// the scenario measures is PostgreSQL's own work on the cores the server and the load generator share.

const SCHEMA = `cinnox_bench_${randomBytes(6).toString('hex')}`;
const BATCH = 500;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', max: 1 });
await new CinnoxPostgresDeliveryLogStore(pool, SCHEMA).migrate();

const now = Date.now();
const rows = JSON.stringify(
  Array.from({ length: BATCH }, (_, index) => {
    const id = `bench-busy-${index}`;
    const message = {
      id,
      status: 'CallStart',
      serviceId: 's',
      caller: { eid: 'e', number: 85212345678 },
      callees: { number: '+85298765432' },
    };
    return { h: 'call', r: now, b: { message }, e: [`call:${id}:CallStart`], d: [], c: id, u: false, o: 'delivered', f: [], t: now };
  }),
);
const INSERT = `INSERT INTO "${SCHEMA}".delivery_log
  SELECT gen_random_uuid()::text, h, timestamptz 'epoch' + r * interval '1 millisecond', b, e, d, c, u, o, f,
         timestamptz 'epoch' + t * interval '1 millisecond'
  FROM json_to_recordset($1::json) AS r(h text, r bigint, b json, e json, d json, c text, u boolean, o text, f json, t bigint)
  ON CONFLICT (id) DO UPDATE SET
    hook = EXCLUDED.hook, received_at = EXCLUDED.received_at, body = EXCLUDED.body,
    event_ids = EXCLUDED.event_ids, derived = EXCLUDED.derived, call_id = EXCLUDED.call_id,
    duplicate = EXCLUDED.duplicate, outcome = EXCLUDED.outcome, failures = EXCLUDED.failures,
    updated_at = EXCLUDED.updated_at
  WHERE NOT (EXCLUDED.outcome = 'queued' AND delivery_log.outcome <> 'queued')`;

let owed = 0;
let writing = false;
async function writeOwed(): Promise<void> {
  if (writing) return;
  writing = true;
  while (owed >= BATCH) {
    owed -= BATCH;
    await pool.query(INSERT, [rows]);
  }
  writing = false;
}

process.on('message', (answered: number) => {
  owed += answered;
  void writeOwed();
});
process.once('disconnect', () => {
  void pool
    .query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`)
    .then(() => pool.end())
    .finally(() => process.exit(0));
});
process.send!('READY');
