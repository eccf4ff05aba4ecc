// One database type for both back ends: embedded PGlite (default) or a PostgreSQL server (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
// The query-result HKT differs between the two drivers; services never touch it.
// biome-ignore lint/suspicious/noExplicitAny: driver-specific result type, see above
export type Tx = PgTransaction<any, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database itself or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Cheap round trip used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Resolves to src/db/migrations from both src/db (tsx) and dist/db (built): the SQL is not copied.
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

const MIGRATION_LOCK = 72_001_337;

export interface OpenOptions {
  databaseUrl: string | null;
  /** Folder for the embedded database; null keeps it in memory (tests). */
  pgliteDir: string | null;
  poolSize?: number;
  /** Apply pending migrations before returning (default true; `npm run db:migrate` exists for false). */
  migrate?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 20, migrate);
  return openPglite(options.pgliteDir, migrate);
}

async function openPostgres(url: string, poolSize: number, migrate: boolean): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  if (migrate) await migratePostgres(pool);
  const db = drizzlePg({ client: pool, schema });
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

async function migratePostgres(pool: pg.Pool): Promise<void> {
  // Several processes may start together: an advisory lock makes them migrate one at a time.
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function openPglite(dir: string | null, migrate: boolean): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dir) mkdirSync(path.resolve(dir), { recursive: true });
  const client = dir ? new PGlite(path.resolve(dir)) : new PGlite();
  await client.waitReady;
  const pgliteDb = drizzlePglite({ client, schema });
  if (migrate) await migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_FOLDER });
  // Both drivers expose the same Drizzle PostgreSQL query API; one static type keeps services driver-agnostic.
  const db = pgliteDb as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
