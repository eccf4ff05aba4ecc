// A fresh database per test file: a clone of the run's migrated template (see global-setup.ts), dropped on close.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { databaseUrlFor } from './global-setup.js';

export interface TestDatabase extends Database {
  /** A connection string other processes can use. */
  url: string;
}

async function asAdmin(serverUrl: string, statement: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export async function freshDatabase(): Promise<TestDatabase> {
  const { serverUrl, template } = inject('testDatabase');
  // Clones share the template's run prefix, so the run's teardown drops any a failed file left behind.
  const name = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  await asAdmin(serverUrl, `create database "${name}" template "${template}"`);
  const url = databaseUrlFor(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
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
