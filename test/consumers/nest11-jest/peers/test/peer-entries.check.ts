// Type-checked with skipLibCheck: false once the optional peers are installed: the entries that need them.
import type * as health from 'nestjs-cinnox/health';
import type * as otel from 'nestjs-cinnox/otel';
import type * as postgres from 'nestjs-cinnox/postgres';
import type * as queue from 'nestjs-cinnox/queue';
import type * as redis from 'nestjs-cinnox/redis';
import type { Pool } from 'pg';

export type PeerEntries = [typeof health, typeof queue, typeof redis, typeof postgres, typeof otel];

// A node-postgres pool is what the PostgreSQL stores take.
export const fromPool = (pool: Pool): postgres.CinnoxPostgresQueryable => pool;
