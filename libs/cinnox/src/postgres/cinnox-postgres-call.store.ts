import type { CinnoxCallParty } from '../hooks/call/cinnox-call-party.interface.js';
import type {
  CinnoxCallEndInput,
  CinnoxCallEndOutcome,
  CinnoxCallPage,
  CinnoxCallQuery,
  CinnoxCallRecord,
  CinnoxCallReportInput,
  CinnoxCallReportOutcome,
  CinnoxCallStartInput,
  CinnoxCallStartOutcome,
  CinnoxCallStatus,
  CinnoxCallStoreTimes,
  CinnoxCallSource,
  CinnoxRecordingStatus,
} from '../stores/cinnox-call-record.interface.js';
import type { CinnoxReportedCall } from '../stores/cinnox-call-record.interface.js';
import { decodeCallCursor, encodeCallCursor } from '../calls/call-query.js';
import { CinnoxCallStore, type CinnoxWindowLease } from '../stores/cinnox-call.store.js';
import type { CinnoxPostgresQueryable } from './cinnox-postgres-queryable.interface.js';
import { checkSchema, migrate, Migration } from './postgres-schema.js';

// Expired records go in batches of this many, at most once a second per store.
const PURGE_BATCH = 1000;

// Each change of a record is one function call: one statement, the record locked while it is decided, so a
// call completes (or goes stale) once whichever replica sees which half. Times are the tracker's clock (ms).
// Status `early` is the hidden placeholder of a recording outcome that came before its call.
const steps = (s: string): string[] => [
  `CREATE SEQUENCE ${s}.calls_seq;
  CREATE TABLE ${s}.calls (
    id text PRIMARY KEY,
    service_id text NOT NULL,
    caller jsonb,
    callees jsonb NOT NULL DEFAULT '[]',
    started_at bigint,
    ended_at bigint,
    duration_ms bigint,
    status text NOT NULL,
    recording_status text,
    pending_delivery text,
    -- First-seen order, for listing newest first.
    seq bigint NOT NULL DEFAULT nextval('${s}.calls_seq'),
    expires_at bigint NOT NULL
  );
  CREATE INDEX calls_first_seen ON ${s}.calls (seq);
  CREATE INDEX calls_status_seq ON ${s}.calls (status, seq);
  CREATE INDEX calls_active_started ON ${s}.calls (started_at) WHERE status = 'active';
  -- Listing by time range: a call's time is its start's receipt, or its end's when no start came.
  CREATE INDEX calls_time ON ${s}.calls ((coalesce(started_at, ended_at)), seq);
  CREATE INDEX calls_expires ON ${s}.calls (expires_at);

  CREATE FUNCTION ${s}.call_start(p_id text, p_service text, p_caller jsonb, p_callees jsonb, p_started bigint, p_now bigint, p_ttl bigint)
  RETURNS jsonb LANGUAGE plpgsql AS $f$
  DECLARE r ${s}.calls; c text;
  BEGIN
    LOOP
      INSERT INTO ${s}.calls (id, service_id, caller, callees, started_at, status, expires_at)
        VALUES (p_id, p_service, p_caller, p_callees, p_started, 'active', p_now + p_ttl)
        ON CONFLICT (id) DO NOTHING RETURNING * INTO r;
      IF FOUND THEN RETURN jsonb_build_object('change', 'started', 'record', to_jsonb(r)); END IF;
      SELECT * INTO r FROM ${s}.calls WHERE id = p_id FOR UPDATE;
      IF FOUND AND r.expires_at <= p_now THEN DELETE FROM ${s}.calls WHERE id = p_id; CONTINUE; END IF;
      EXIT WHEN FOUND;
    END LOOP;
    IF r.status = 'early' THEN
      UPDATE ${s}.calls SET service_id = p_service, caller = p_caller, callees = p_callees, started_at = p_started,
        status = 'active', seq = nextval('${s}.calls_seq'), expires_at = p_now + p_ttl
        WHERE id = p_id RETURNING * INTO r;
      c := 'started';
    ELSIF r.status = 'ended' AND r.started_at IS NULL THEN
      -- The start came after the end: the record gains who and when, but no duration.
      UPDATE ${s}.calls SET caller = p_caller, callees = p_callees, started_at = p_started WHERE id = p_id RETURNING * INTO r;
      c := 'filled';
    ELSE
      c := 'duplicate';
    END IF;
    RETURN jsonb_build_object('change', c, 'record', to_jsonb(r));
  END $f$;

  CREATE FUNCTION ${s}.call_end(p_id text, p_service text, p_ended bigint, p_now bigint, p_retention bigint, p_delivery text)
  RETURNS jsonb LANGUAGE plpgsql AS $f$
  DECLARE r ${s}.calls;
  BEGIN
    LOOP
      INSERT INTO ${s}.calls (id, service_id, ended_at, status, pending_delivery, expires_at)
        VALUES (p_id, p_service, p_ended, 'ended', p_delivery, p_now + p_retention)
        ON CONFLICT (id) DO NOTHING RETURNING * INTO r;
      IF FOUND THEN RETURN jsonb_build_object('completion', 'first', 'record', to_jsonb(r)); END IF;
      SELECT * INTO r FROM ${s}.calls WHERE id = p_id FOR UPDATE;
      IF FOUND AND r.expires_at <= p_now THEN DELETE FROM ${s}.calls WHERE id = p_id; CONTINUE; END IF;
      EXIT WHEN FOUND;
    END LOOP;
    IF r.status = 'ended' THEN
      -- Only the delivery that completed it, unconfirmed, completes it again.
      RETURN jsonb_build_object('completion', CASE WHEN p_delivery IS NOT NULL AND r.pending_delivery = p_delivery THEN 'repeat' END,
        'record', to_jsonb(r));
    END IF;
    UPDATE ${s}.calls SET status = 'ended', service_id = CASE WHEN r.status = 'early' THEN p_service ELSE service_id END,
      ended_at = p_ended, duration_ms = CASE WHEN started_at IS NULL THEN NULL ELSE greatest(0, p_ended - started_at) END,
      pending_delivery = p_delivery, expires_at = p_now + p_retention,
      seq = CASE WHEN r.status = 'early' THEN nextval('${s}.calls_seq') ELSE seq END
      WHERE id = p_id RETURNING * INTO r;
    RETURN jsonb_build_object('completion', 'first', 'record', to_jsonb(r));
  END $f$;

  CREATE FUNCTION ${s}.call_recording(p_id text, p_outcome text, p_now bigint, p_retention bigint)
  RETURNS jsonb LANGUAGE plpgsql AS $f$
  DECLARE r ${s}.calls;
  BEGIN
    LOOP
      INSERT INTO ${s}.calls (id, service_id, status, recording_status, expires_at)
        VALUES (p_id, '', 'early', p_outcome, p_now + p_retention)
        ON CONFLICT (id) DO NOTHING;
      IF FOUND THEN RETURN NULL; END IF;
      SELECT * INTO r FROM ${s}.calls WHERE id = p_id FOR UPDATE;
      IF FOUND AND r.expires_at <= p_now THEN DELETE FROM ${s}.calls WHERE id = p_id; CONTINUE; END IF;
      EXIT WHEN FOUND;
    END LOOP;
    IF r.status = 'early' THEN
      UPDATE ${s}.calls SET recording_status = p_outcome, expires_at = p_now + p_retention WHERE id = p_id;
      RETURN NULL;
    END IF;
    UPDATE ${s}.calls SET recording_status = p_outcome WHERE id = p_id RETURNING * INTO r;
    RETURN to_jsonb(r);
  END $f$;`,
  // Settled calls (issue 22): what CINNOX's reports say, and where a record came from.
  `ALTER TABLE ${s}.calls ADD COLUMN cinnox jsonb, ADD COLUMN settled_at bigint, ADD COLUMN source text NOT NULL DEFAULT 'webhook';

  CREATE FUNCTION ${s}.call_settle(p_id text, p_cinnox jsonb, p_now bigint)
  RETURNS jsonb LANGUAGE plpgsql AS $f$
  DECLARE r ${s}.calls;
  BEGIN
    UPDATE ${s}.calls SET cinnox = p_cinnox, settled_at = p_now
      WHERE id = p_id AND status = 'ended' AND settled_at IS NULL AND expires_at > p_now RETURNING * INTO r;
    IF NOT FOUND THEN RETURN NULL; END IF;
    RETURN to_jsonb(r);
  END $f$;`,
  // Reconcile passes (issue 22 §3): calls completed from CINNOX's report, and the windows' leases and progress.
  `CREATE FUNCTION ${s}.call_report(p_id text, p_service text, p_caller jsonb, p_callees jsonb, p_started bigint, p_ended bigint,
    p_cinnox jsonb, p_now bigint, p_retention bigint)
  RETURNS jsonb LANGUAGE plpgsql AS $f$
  DECLARE r ${s}.calls; c text;
  BEGIN
    LOOP
      INSERT INTO ${s}.calls (id, service_id, caller, callees, started_at, ended_at, duration_ms, status, source, cinnox, expires_at)
        VALUES (p_id, p_service, p_caller, p_callees, p_started, p_ended,
          CASE WHEN p_started IS NULL THEN NULL ELSE greatest(0, p_ended - p_started) END, 'ended', 'report', p_cinnox, p_now + p_retention)
        ON CONFLICT (id) DO NOTHING RETURNING * INTO r;
      IF FOUND THEN RETURN jsonb_build_object('completion', 'added', 'record', to_jsonb(r)); END IF;
      SELECT * INTO r FROM ${s}.calls WHERE id = p_id FOR UPDATE;
      IF FOUND AND r.expires_at <= p_now THEN DELETE FROM ${s}.calls WHERE id = p_id; CONTINUE; END IF;
      EXIT WHEN FOUND;
    END LOOP;
    IF r.status = 'ended' THEN RETURN jsonb_build_object('completion', NULL, 'record', to_jsonb(r)); END IF;
    c := CASE WHEN r.status = 'early' THEN 'added' ELSE 'completed' END;
    UPDATE ${s}.calls SET status = 'ended', source = 'report', cinnox = p_cinnox, ended_at = p_ended,
      service_id = CASE WHEN r.status = 'early' THEN p_service ELSE service_id END,
      caller = CASE WHEN r.status = 'early' THEN p_caller ELSE caller END,
      callees = CASE WHEN r.status = 'early' THEN p_callees ELSE callees END,
      started_at = CASE WHEN r.status = 'early' THEN p_started ELSE started_at END,
      duration_ms = CASE WHEN (CASE WHEN r.status = 'early' THEN p_started ELSE started_at END) IS NULL THEN NULL
        ELSE greatest(0, p_ended - (CASE WHEN r.status = 'early' THEN p_started ELSE started_at END)) END,
      pending_delivery = NULL, expires_at = p_now + p_retention,
      seq = CASE WHEN r.status = 'early' THEN nextval('${s}.calls_seq') ELSE seq END
      WHERE id = p_id RETURNING * INTO r;
    RETURN jsonb_build_object('completion', c, 'record', to_jsonb(r));
  END $f$;

  -- owner null: the window is done.
  CREATE TABLE ${s}.reconcile_windows (
    key text PRIMARY KEY,
    owner text,
    expires_at bigint NOT NULL
  );`,
];

interface Row {
  id: string;
  service_id: string;
  caller: CinnoxCallParty | null;
  callees: CinnoxCallParty[];
  started_at: number | string | null;
  ended_at: number | string | null;
  duration_ms: number | string | null;
  status: string;
  recording_status: CinnoxRecordingStatus | null;
  source: CinnoxCallSource;
  cinnox: CinnoxReportedCall | null;
  settled_at: number | string | null;
}

/**
 * Call records in PostgreSQL, shared by every replica and kept across restarts (ended and stale ones for
 * `calls.retentionMs`, expired records deleted in batches by later writes). It creates and migrates its
 * table and functions (`<schema>.calls`, versions in `<schema>.migrations`) on first use, or when
 * `migrate()` is awaited. Each write is one statement that locks the record it decides on.
 * @publicApi
 */
export class CinnoxPostgresCallStore extends CinnoxCallStore {
  private readonly s: string;
  private readonly migration: Migration;
  private nextPurge = 0;

  /**
   * @param db the host's pool (node-postgres `Pool`, a PGlite, anything with `query(text, values)`).
   * @param schema where the tables go, created if missing: a lowercase identifier. @default 'cinnox'
   */
  constructor(
    private readonly db: CinnoxPostgresQueryable,
    schema = 'cinnox',
  ) {
    super();
    this.s = `"${checkSchema(schema)}"`;
    this.migration = new Migration(() => migrate(db, schema, 'calls', steps(this.s)));
  }

  /** Creates or migrates the table now (otherwise the first call does); safe in several processes at once. */
  migrate(): Promise<void> {
    return this.migration.ready();
  }

  async start(start: CinnoxCallStartInput, times: CinnoxCallStoreTimes): Promise<CinnoxCallStartOutcome> {
    const result = await this.call<{ change: CinnoxCallStartOutcome['change']; record: Row }>(
      `call_start($1::text, $2::text, $3::jsonb, $4::jsonb, $5::bigint, $6::bigint, $7::bigint)`,
      [
        start.id,
        start.serviceId,
        JSON.stringify(start.caller),
        JSON.stringify(start.callees),
        ms(start.startedAt),
        ms(times.now),
        ms(times.activeTtlMs),
      ],
      times,
    );
    return { change: result.change, record: toRecord(result.record) };
  }

  async end(end: CinnoxCallEndInput, times: CinnoxCallStoreTimes): Promise<CinnoxCallEndOutcome> {
    const result = await this.call<{ completion: 'first' | 'repeat' | null; record: Row }>(
      `call_end($1::text, $2::text, $3::bigint, $4::bigint, $5::bigint, $6::text)`,
      [end.id, end.serviceId, ms(end.endedAt), ms(times.now), ms(times.retentionMs), end.deliveryId ?? null],
      times,
    );
    return { completion: result.completion, record: toRecord(result.record) };
  }

  async report(call: CinnoxCallReportInput, times: CinnoxCallStoreTimes): Promise<CinnoxCallReportOutcome> {
    const result = await this.call<{ completion: CinnoxCallReportOutcome['completion']; record: Row }>(
      `call_report($1::text, $2::text, $3::jsonb, $4::jsonb, $5::bigint, $6::bigint, $7::jsonb, $8::bigint, $9::bigint)`,
      [
        call.id,
        call.serviceId,
        JSON.stringify(call.caller),
        JSON.stringify(call.callees),
        call.startedAt === null ? null : ms(call.startedAt),
        ms(call.endedAt),
        JSON.stringify(call.cinnox),
        ms(times.now),
        ms(times.retentionMs),
      ],
      times,
    );
    return { completion: result.completion, record: toRecord(result.record) };
  }

  async leaseWindow(key: string, owner: string, until: number, times: CinnoxCallStoreTimes): Promise<CinnoxWindowLease> {
    await this.migrate();
    // One statement: of replicas leasing at once, one inserts or takes over an expired lease; the others see it.
    const { rows } = await this.db.query(
      `INSERT INTO ${this.s}.reconcile_windows AS w (key, owner, expires_at) VALUES ($1, $2, $3::bigint)
       ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE w.expires_at <= $4::bigint OR (w.owner IS NOT NULL AND w.owner = EXCLUDED.owner)
       RETURNING owner`,
      [key, owner, ms(until), ms(times.now)],
    );
    if (rows.length > 0) return 'leased';
    const known = await this.db.query(`SELECT owner FROM ${this.s}.reconcile_windows WHERE key = $1`, [key]);
    return known.rows[0]?.owner === null ? 'done' : 'held';
  }

  async finishWindow(key: string, times: CinnoxCallStoreTimes): Promise<void> {
    await this.migrate();
    await this.db.query(
      `INSERT INTO ${this.s}.reconcile_windows (key, owner, expires_at) VALUES ($1, NULL, $2::bigint)
       ON CONFLICT (key) DO UPDATE SET owner = NULL, expires_at = EXCLUDED.expires_at`,
      [key, ms(times.now + times.retentionMs)],
    );
    await this.db.query(
      `DELETE FROM ${this.s}.reconcile_windows WHERE key IN (
         SELECT key FROM ${this.s}.reconcile_windows WHERE expires_at <= $1::bigint LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
      [ms(times.now)],
    );
  }

  async recording(id: string, outcome: CinnoxRecordingStatus, times: CinnoxCallStoreTimes): Promise<CinnoxCallRecord | undefined> {
    const row = await this.call<Row | null>(
      `call_recording($1::text, $2::text, $3::bigint, $4::bigint)`,
      [id, outcome, ms(times.now), ms(times.retentionMs)],
      times,
    );
    return row === null ? undefined : toRecord(row);
  }

  async settle(id: string, cinnox: CinnoxReportedCall | null, times: CinnoxCallStoreTimes): Promise<CinnoxCallRecord | undefined> {
    const row = await this.call<Row | null>(
      `call_settle($1::text, $2::jsonb, $3::bigint)`,
      [id, cinnox === null ? null : JSON.stringify(cinnox), ms(times.now)],
      times,
    );
    return row === null ? undefined : toRecord(row);
  }

  async confirm(id: string, deliveryId: string): Promise<void> {
    await this.migrate();
    await this.db.query(`UPDATE ${this.s}.calls SET pending_delivery = NULL WHERE id = $1 AND pending_delivery = $2`, [id, deliveryId]);
  }

  async claimStale(startedBefore: number, limit: number, times: CinnoxCallStoreTimes): Promise<CinnoxCallRecord[]> {
    await this.migrate();
    await this.purge(times.now, true);
    // SKIP LOCKED: replicas sweeping at once each take other calls, and each call goes to one of them.
    const { rows } = await this.db.query(
      `UPDATE ${this.s}.calls AS t SET status = 'stale', expires_at = $3::bigint + $4::bigint
       FROM (SELECT id FROM ${this.s}.calls WHERE status = 'active' AND started_at <= $1::bigint
             ORDER BY started_at LIMIT $2 FOR UPDATE SKIP LOCKED) AS c
       WHERE t.id = c.id RETURNING t.*`,
      [ms(startedBefore), limit, ms(times.now), ms(times.retentionMs)],
    );
    return (rows as Row[]).map(toRecord);
  }

  async get(id: string): Promise<CinnoxCallRecord | undefined> {
    await this.migrate();
    const { rows } = await this.db.query(`SELECT * FROM ${this.s}.calls WHERE id = $1 AND status <> 'early'`, [id]);
    return rows[0] ? toRecord(rows[0] as Row) : undefined;
  }

  async list(query: CinnoxCallQuery & { limit: number }): Promise<CinnoxCallPage> {
    const values: unknown[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    const where = [query.status === undefined ? `status <> 'early'` : `status = ${bind(query.status)}`];
    if (query.cursor !== undefined) where.push(`seq < ${bind(decodeCallCursor(query.cursor)[0])}::bigint`);
    if (query.from !== undefined) where.push(`coalesce(started_at, ended_at) >= ${bind(query.from.getTime())}::bigint`);
    if (query.to !== undefined) where.push(`coalesce(started_at, ended_at) < ${bind(query.to.getTime())}::bigint`);
    if (query.party !== undefined) {
      const party = bind(query.party);
      where.push(
        `(caller->>'number' = ${party} OR caller->>'eid' = ${party} OR EXISTS (
           SELECT 1 FROM jsonb_array_elements(callees) AS callee WHERE callee->>'number' = ${party} OR callee->>'eid' = ${party}))`,
      );
    }
    await this.migrate();
    const { rows } = await this.db.query(
      `SELECT * FROM ${this.s}.calls WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ${bind(query.limit + 1)}`,
      values,
    );
    const page = (rows as (Row & { seq: number | string })[]).slice(0, query.limit);
    const last = page.at(-1);
    const records = page.map(toRecord);
    return rows.length > query.limit && last ? { records, nextCursor: encodeCallCursor([Number(last.seq), last.id]) } : { records };
  }

  async countActive(): Promise<number> {
    await this.migrate();
    const { rows } = await this.db.query(`SELECT count(*)::int AS n FROM ${this.s}.calls WHERE status = 'active'`);
    return Number(rows[0]?.n ?? 0);
  }

  private async call<T>(fn: string, values: unknown[], times: CinnoxCallStoreTimes): Promise<T> {
    await this.migrate();
    const { rows } = await this.db.query(`SELECT ${this.s}.${fn} AS result`, values);
    await this.purge(times.now, false);
    return rows[0].result as T;
  }

  // Records past their time go a batch at a time, so no write waits on a large delete.
  private async purge(now: number, always: boolean): Promise<void> {
    if (!always && now < this.nextPurge) return;
    this.nextPurge = now + 1000;
    await this.db.query(
      `DELETE FROM ${this.s}.calls WHERE id IN (
         SELECT id FROM ${this.s}.calls WHERE expires_at <= $1::bigint LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
      [ms(now)],
    );
  }
}

const ms = (value: number): number => Math.trunc(value);

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toRecord(row: Row): CinnoxCallRecord {
  const startedAt = num(row.started_at);
  const endedAt = num(row.ended_at);
  return {
    id: row.id,
    serviceId: row.service_id,
    caller: row.caller,
    callees: row.callees,
    startedAt: startedAt === null ? null : new Date(startedAt),
    endedAt: endedAt === null ? null : new Date(endedAt),
    durationMs: num(row.duration_ms),
    status: row.status as CinnoxCallStatus,
    recordingStatus: row.recording_status,
    source: row.source ?? 'webhook',
    cinnox: row.cinnox ?? null,
    settledAt: num(row.settled_at) === null ? null : new Date(num(row.settled_at)!),
  };
}
