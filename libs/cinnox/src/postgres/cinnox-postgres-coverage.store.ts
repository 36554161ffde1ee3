import type { CinnoxCoverageGap, CinnoxCoverageGapReason } from '../domain/cinnox-coverage-gap.event.js';
import type {
  CinnoxCoverageGapQuery,
  CinnoxCoverageHeartbeat,
  CinnoxCoverageProgress,
} from '../stores/cinnox-coverage-record.interface.js';
import { CinnoxCoverageStore } from '../stores/cinnox-coverage.store.js';
import type { CinnoxPostgresQueryable } from './cinnox-postgres-queryable.interface.js';
import { checkSchema, migrate, Migration } from './postgres-schema.js';

// Step n brings the tables to version n; a step once released never changes (add one instead).
const steps = (s: string): string[] => [
  `CREATE TABLE ${s}.coverage_heartbeats (
    at timestamptz NOT NULL,
    replica text NOT NULL,
    active jsonb NOT NULL,
    heard_at jsonb,
    -- Settling reads every heartbeat after a time; retention deletes before one.
    PRIMARY KEY (at, replica)
  );
  CREATE TABLE ${s}.coverage_progress (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL,
    data jsonb
  );
  INSERT INTO ${s}.coverage_progress (version, data) VALUES (0, NULL);
  CREATE TABLE ${s}.coverage_gaps (
    id bigserial PRIMARY KEY,
    hook text NOT NULL,
    from_at timestamptz NOT NULL,
    to_at timestamptz NOT NULL,
    reason text NOT NULL
  );
  -- Listing reads the most recently ended first, optionally of one hook; retention deletes by end.
  CREATE INDEX coverage_gaps_to ON ${s}.coverage_gaps (to_at);
  CREATE INDEX coverage_gaps_hook_to ON ${s}.coverage_gaps (hook, to_at);`,
];

interface HeartbeatRow {
  at: Date | string;
  replica: string;
  active: string[];
  heard_at: Record<string, string> | null;
}

interface GapRow {
  hook: string;
  from_at: Date | string;
  to_at: Date | string;
  reason: string;
}

/**
 * Coverage in PostgreSQL, shared by every replica and kept across restarts (so the downtime before a start
 * is a gap). It creates and migrates its tables (`<schema>.coverage_heartbeats`, `coverage_progress`,
 * `coverage_gaps`; versions in `<schema>.migrations`) on first use, or when `migrate()` is awaited; every
 * change is one statement, `advance()` a compare-and-set on the progress row.
 * @publicApi
 */
export class CinnoxPostgresCoverageStore extends CinnoxCoverageStore {
  private readonly s: string;
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
    this.s = `"${checkSchema(schema)}"`;
    this.migration = new Migration(() => migrate(db, schema, 'coverage', steps(this.s)));
  }

  /** Creates or migrates the tables now (otherwise the first call does); safe in several processes at once. */
  migrate(): Promise<void> {
    return this.migration.ready();
  }

  async beat(heartbeat: CinnoxCoverageHeartbeat): Promise<void> {
    const heardAt =
      heartbeat.heardAt && Object.fromEntries(Object.entries(heartbeat.heardAt).map(([hook, at]) => [hook, at.toISOString()]));
    await this.migrate();
    await this.db.query(
      `INSERT INTO ${this.s}.coverage_heartbeats (at, replica, active, heard_at) VALUES ($1::timestamptz, $2, $3::jsonb, $4::jsonb)
       ON CONFLICT (at, replica) DO UPDATE SET active = EXCLUDED.active, heard_at = EXCLUDED.heard_at`,
      [heartbeat.at.toISOString(), heartbeat.replica, JSON.stringify(heartbeat.active), heardAt ? JSON.stringify(heardAt) : null],
    );
  }

  async heartbeats(after: Date): Promise<CinnoxCoverageHeartbeat[]> {
    await this.migrate();
    const { rows } = await this.db.query(
      `SELECT at, replica, active, heard_at FROM ${this.s}.coverage_heartbeats WHERE at > $1::timestamptz ORDER BY at, replica`,
      [after.toISOString()],
    );
    return (rows as HeartbeatRow[]).map((row) => ({
      replica: row.replica,
      at: new Date(row.at),
      active: row.active,
      ...(row.heard_at && {
        heardAt: Object.fromEntries(Object.entries(row.heard_at).map(([hook, at]) => [hook, new Date(at)])),
      }),
    }));
  }

  async progress(): Promise<CinnoxCoverageProgress> {
    await this.migrate();
    const { rows } = await this.db.query(`SELECT version, data FROM ${this.s}.coverage_progress`);
    const row = rows[0] as { version: string | number; data: unknown } | undefined;
    return { version: Number(row?.version ?? 0), data: row?.data ?? null };
  }

  async advance(version: number, data: unknown, closed: readonly CinnoxCoverageGap[]): Promise<boolean> {
    const gaps = closed.map((gap) => ({
      hook: gap.hook,
      from_at: gap.from.toISOString(),
      to_at: gap.to.toISOString(),
      reason: gap.reason,
    }));
    await this.migrate();
    // A replica that read the same version waits for this row's lock, then finds the version moved on.
    const { rows } = await this.db.query(
      `WITH advanced AS (
         UPDATE ${this.s}.coverage_progress SET version = version + 1, data = $2::jsonb WHERE version = $1 RETURNING 1),
       added AS (
         INSERT INTO ${this.s}.coverage_gaps (hook, from_at, to_at, reason)
         SELECT hook, from_at, to_at, reason FROM jsonb_to_recordset($3::jsonb) AS r(hook text, from_at timestamptz, to_at timestamptz, reason text)
         WHERE EXISTS (SELECT 1 FROM advanced))
       SELECT count(*)::int AS n FROM advanced`,
      [version, JSON.stringify(data ?? null), JSON.stringify(gaps)],
    );
    return Number(rows[0]?.n ?? 0) === 1;
  }

  async gaps(query: CinnoxCoverageGapQuery & { limit: number }): Promise<CinnoxCoverageGap[]> {
    const values: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    if (query.from) where.push(`to_at > ${bind(query.from.toISOString())}::timestamptz`);
    if (query.to) where.push(`from_at < ${bind(query.to.toISOString())}::timestamptz`);
    if (query.hook !== undefined) where.push(`hook = ${bind(query.hook)}`);
    await this.migrate();
    const { rows } = await this.db.query(
      `SELECT hook, from_at, to_at, reason FROM ${this.s}.coverage_gaps ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY to_at DESC, from_at DESC, id DESC LIMIT ${bind(query.limit)}`,
      values,
    );
    return (rows as GapRow[]).map((row) => ({
      hook: row.hook,
      from: new Date(row.from_at),
      to: new Date(row.to_at),
      reason: row.reason as CinnoxCoverageGapReason,
    }));
  }

  async deleteHeartbeatsBefore(before: Date, batchSize: number): Promise<number> {
    return this.deleteBatch(
      `(at, replica) IN (SELECT at, replica FROM ${this.s}.coverage_heartbeats WHERE at < $1::timestamptz ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      'coverage_heartbeats',
      before,
      batchSize,
    );
  }

  async deleteGapsBefore(before: Date, batchSize: number): Promise<number> {
    return this.deleteBatch(
      `id IN (SELECT id FROM ${this.s}.coverage_gaps WHERE to_at < $1::timestamptz ORDER BY to_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      'coverage_gaps',
      before,
      batchSize,
    );
  }

  private async deleteBatch(which: string, table: string, before: Date, batchSize: number): Promise<number> {
    await this.migrate();
    const { rows } = await this.db.query(
      `WITH d AS (DELETE FROM ${this.s}.${table} WHERE ${which} RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [before.toISOString(), batchSize],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
