// A fresh database per test file: a clone of the migrated template on PostgreSQL, or the worker's one
// embedded PGlite instance emptied with TRUNCATE (booting PGlite takes seconds; truncating takes ms).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { databaseUrlFor } from './global-setup.js';

let workerPglite: Promise<Database> | null = null;

async function emptyPglite(): Promise<Database> {
  workerPglite ??= openDatabase({ databaseUrl: null, pgliteDir: null });
  const database = await workerPglite;
  const { rows } = await database.db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const tables = rows.map((row) => `"${row.tablename}"`).join(', ');
  if (tables) await database.db.execute(sql.raw(`truncate ${tables} cascade`));
  // The worker keeps the instance for its next file: closing is a no-op here.
  return { ...database, close: async () => {} };
}

export interface TestDatabase extends Database {
  /** A connection string other processes can use (PostgreSQL only). */
  url: string | null;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  const template = inject('templateDatabase');
  if (!base || !template) return { ...(await emptyPglite()), url: null };
  // Clones share the template's run prefix, so the run's teardown drops any a failed file left behind.
  const name = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrlFor(base, name);
  const database = await openDatabase({ databaseUrl: url, pgliteDir: null, poolSize: 10 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      try {
        // pool.end() resolves before its connections have finished closing; a forced drop meanwhile
        // kills them mid-close and surfaces as an unhandled 57P01 in whichever file runs next.
        for (let tries = 0; tries < 100; tries += 1) {
          const { rows } = await cleanup.query(
            'select count(*)::int as open from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0].open === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await cleanup.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
