/**
 * What the PostgreSQL stores need of the host's database handle: node-postgres's `query(text, values)`,
 * answering the rows. A `pg` `Pool` fits, and so does an embedded PGlite (`@electric-sql/pglite`). Every
 * change the stores make is one statement, so a pool handing each query to a different connection is fine.
 * @publicApi
 */
export interface CinnoxPostgresQueryable {
  // `any[]` because PGlite and node-postgres type their values differently; the stores pass strings, numbers and null.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(text: string, values?: any[]): PromiseLike<{ rows: any[] }>;
}
