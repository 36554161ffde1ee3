import { postgresSchemaInvalid } from '../cinnox.messages.js';
import { CinnoxOptionsError } from '../errors/cinnox-options.error.js';
import type { CinnoxPostgresQueryable } from './cinnox-postgres-queryable.interface.js';

// A plain identifier, so it can be written into statements (it cannot be a bound value) without quoting rules.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name, checked; quoted it is safe in any statement. */
export function checkSchema(schema: string): string {
  if (typeof schema !== 'string' || !IDENTIFIER.test(schema)) {
    throw new CinnoxOptionsError('schema', postgresSchemaInvalid(schema));
  }
  return schema;
}

/**
 * Brings the tables of `component` in `schema` to the last of `steps` (step n is version n), recorded in
 * `<schema>.migrations`. One DO block: one statement, one transaction, under an advisory lock on the schema,
 * so processes starting at once apply each step once, and a failing step leaves nothing half done.
 */
export async function migrate(db: CinnoxPostgresQueryable, schema: string, component: string, steps: readonly string[]): Promise<void> {
  const s = `"${schema}"`;
  const applied = steps.map((step, i) => `IF v < ${i + 1} THEN\n${step}\nEND IF;`).join('\n');
  await db.query(`DO $cinnox$
DECLARE v integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('nestjs-cinnox'), hashtext('${schema}'));
  CREATE SCHEMA IF NOT EXISTS ${s};
  CREATE TABLE IF NOT EXISTS ${s}.migrations (
    component text PRIMARY KEY,
    version integer NOT NULL,
    migrated_at timestamptz NOT NULL DEFAULT now()
  );
  SELECT version INTO v FROM ${s}.migrations WHERE component = '${component}';
  v := coalesce(v, 0);
  ${applied}
  INSERT INTO ${s}.migrations (component, version) VALUES ('${component}', ${steps.length})
    ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, migrated_at = now()
    WHERE ${s}.migrations.version < EXCLUDED.version;
END
$cinnox$`);
}

/** Runs `migrate` once per store; a failure is retried by the next call rather than remembered. */
export class Migration {
  private done?: Promise<void>;

  constructor(private readonly run: () => Promise<void>) {}

  ready(): Promise<void> {
    this.done ??= this.run().catch((error: unknown) => {
      this.done = undefined;
      throw error;
    });
    return this.done;
  }
}
