import type { CinnoxListenerFailure } from '../stores/cinnox-listener-failure.interface.js';
import type { CinnoxHookName } from '../domain/cinnox-hook-name.js';
import type {
  CinnoxDeliveryLogEntry,
  CinnoxDeliveryLogPage,
  CinnoxDeliveryLogQuery,
  CinnoxDeliveryOutcome,
} from '../stores/cinnox-delivery-log-entry.interface.js';
import { CinnoxDeliveryLogStore } from '../stores/cinnox-delivery-log.store.js';
import { decodeCursor, encodeCursor } from '../delivery-log/delivery-log-cursor.js';
import { latestEntry } from '../delivery-log/latest-entry.js';
import { reviveDerivedEvent } from '../calls/revive-derived-event.js';
import type { CinnoxPostgresQueryable } from './cinnox-postgres-queryable.interface.js';
import { checkSchema, migrate, Migration } from './postgres-schema.js';

// Step n brings the table to version n; a step once released never changes (add one instead).
const steps = (s: string): string[] => [
  `CREATE TABLE ${s}.delivery_log (
    id text PRIMARY KEY,
    hook text NOT NULL,
    received_at timestamptz NOT NULL,
    body json NOT NULL,
    event_ids json NOT NULL,
    derived json NOT NULL,
    call_id text,
    duplicate boolean NOT NULL,
    outcome text NOT NULL,
    failures json NOT NULL,
    updated_at timestamptz NOT NULL
  );
  -- Listing and replay read by receipt time (a hook's entries too: few hooks, filtered in the scan), or failures
  -- only; retention deletes by time. The JSON columns are json, not jsonb: nothing queries inside them, and
  -- json is stored as written, which costs PostgreSQL a third less CPU per row than jsonb's conversion.
  CREATE INDEX delivery_log_received ON ${s}.delivery_log (received_at, id);
  CREATE INDEX delivery_log_failed_received ON ${s}.delivery_log (received_at, id) WHERE outcome IN ('failed', 'dead-lettered');
  CREATE INDEX delivery_log_call ON ${s}.delivery_log (call_id) WHERE call_id IS NOT NULL;`,
];

// A bigint of ms since the epoch as a timestamptz, exactly (the product stays below 2^53 µs).
const fromEpochMs = (column: string): string => `timestamptz 'epoch' + ${column} * interval '1 millisecond'`;

interface Row {
  id: string;
  hook: string;
  received_at: Date | string;
  body: Record<string, unknown>;
  event_ids: string[];
  derived: { name: string; eventId: string; payload: unknown }[];
  call_id: string | null;
  duplicate: boolean;
  outcome: string;
  failures: CinnoxListenerFailure[];
  updated_at: Date | string;
}

/**
 * The delivery log in PostgreSQL, shared by every replica and kept across restarts. It creates and migrates
 * its table (`<schema>.delivery_log`, versions in `<schema>.migrations`) on first use, or when `migrate()` is
 * awaited; every write is one statement. Derived events (`call.completed`) come back as their class, dates as
 * dates, so a replay hands listeners what the first dispatch did.
 * @publicApi
 */
export class CinnoxPostgresDeliveryLogStore extends CinnoxDeliveryLogStore {
  private readonly table: string;
  private readonly migration: Migration;

  /**
   * @param db the host's pool (node-postgres `Pool`, a PGlite, anything with `query(text, values)`).
   * @param schema where the tables go, created if missing: a lowercase identifier. @default 'cinnox'
   */
  constructor(
    private readonly db: CinnoxPostgresQueryable,
    schema = 'cinnox',
  ) {
    super();
    const s = `"${checkSchema(schema)}"`;
    this.table = `${s}.delivery_log`;
    this.migration = new Migration(() => migrate(db, schema, 'delivery_log', steps(s)));
  }

  /** Creates or migrates the table now (otherwise the first call does); safe in several processes at once. */
  migrate(): Promise<void> {
    return this.migration.ready();
  }

  async write(entries: readonly CinnoxDeliveryLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // One row per id (an upsert cannot touch a row twice), each the one a write in order would leave.
    const latest = new Map<string, CinnoxDeliveryLogEntry>();
    for (const entry of entries) latest.set(entry.id, latestEntry(latest.get(entry.id), entry));
    // One-letter keys and times in epoch ms: the batch is serialized on the webhook's thread (less text to
    // write, no date formatting), and PostgreSQL reads it once with json_to_recordset.
    const rows = [...latest.values()].map((entry) => ({
      i: entry.id,
      h: entry.hook,
      r: entry.receivedAt.getTime(),
      b: entry.body,
      e: entry.eventIds,
      d: entry.derived,
      c: entry.callId,
      u: entry.duplicate,
      o: entry.outcome,
      f: entry.failures,
      t: entry.updatedAt.getTime(),
    }));
    await this.migrate();
    await this.db.query(
      `INSERT INTO ${this.table} AS t
       SELECT i, h, ${fromEpochMs('r')}, b, e, d, c, u, o, f, ${fromEpochMs('t')}
       FROM json_to_recordset($1::json) AS r(i text, h text, r bigint, b json, e json, d json, c text, u boolean, o text, f json, t bigint)
       ON CONFLICT (id) DO UPDATE SET
         hook = EXCLUDED.hook, received_at = EXCLUDED.received_at, body = EXCLUDED.body,
         event_ids = EXCLUDED.event_ids, derived = EXCLUDED.derived, call_id = EXCLUDED.call_id,
         duplicate = EXCLUDED.duplicate, outcome = EXCLUDED.outcome, failures = EXCLUDED.failures,
         updated_at = EXCLUDED.updated_at
       -- A settled entry is never set back to queued (a redelivery of a job the queue still holds).
       WHERE NOT (EXCLUDED.outcome = 'queued' AND t.outcome <> 'queued')`,
      [JSON.stringify(rows)],
    );
  }

  async list(query: CinnoxDeliveryLogQuery & { limit: number }): Promise<CinnoxDeliveryLogPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const values: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    if (query.from) where.push(`received_at >= ${bind(query.from.toISOString())}::timestamptz`);
    if (query.to) where.push(`received_at < ${bind(query.to.toISOString())}::timestamptz`);
    if (query.hook !== undefined) where.push(`hook = ${bind(query.hook)}`);
    if (query.failedOnly) where.push(`outcome IN ('failed', 'dead-lettered')`);
    if (after) where.push(`(received_at, id) > (${bind(new Date(after.at).toISOString())}::timestamptz, ${bind(after.id)})`);
    await this.migrate();
    const { rows } = await this.db.query(
      `SELECT * FROM ${this.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY received_at, id LIMIT ${bind(query.limit + 1)}`,
      values,
    );
    const entries = (rows as Row[]).slice(0, query.limit).map(toEntry);
    const last = entries.at(-1);
    return rows.length > query.limit && last ? { entries, nextCursor: encodeCursor(last) } : { entries };
  }

  async eraseCall(callId: string): Promise<number> {
    await this.migrate();
    return count(
      this.db.query(`WITH d AS (DELETE FROM ${this.table} WHERE call_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, [callId]),
    );
  }

  async deleteBefore(before: Date, batchSize: number): Promise<number> {
    await this.migrate();
    return count(
      this.db.query(
        `WITH d AS (
           DELETE FROM ${this.table} WHERE id IN (
             SELECT id FROM ${this.table} WHERE received_at < $1::timestamptz ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING 1)
         SELECT count(*)::int AS n FROM d`,
        [before.toISOString(), batchSize],
      ),
    );
  }
}

async function count(result: PromiseLike<{ rows: { n: number }[] }>): Promise<number> {
  return Number((await result).rows[0]?.n ?? 0);
}

function toEntry(row: Row): CinnoxDeliveryLogEntry {
  return {
    id: row.id,
    hook: row.hook as CinnoxHookName,
    receivedAt: new Date(row.received_at),
    body: row.body,
    eventIds: row.event_ids,
    derived: row.derived.map(reviveDerivedEvent),
    callId: row.call_id,
    duplicate: row.duplicate,
    outcome: row.outcome as CinnoxDeliveryOutcome,
    failures: row.failures,
    updatedAt: new Date(row.updated_at),
  };
}
