// Which migrations a database still lacks, decided the way Drizzle's migrator decides it: a migration is
// pending when its journal `when` is later than the newest `created_at` recorded in the database.
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Database, MIGRATIONS_FOLDER } from './client.js';

export async function pendingMigrationCount(database: Database): Promise<number> {
  const table = await database.db.execute<{ name: string | null }>(
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`,
  );
  let applied: number | null = null;
  if (table.rows[0]?.name) {
    const { rows } = await database.db.execute<{ applied: string | number | null }>(
      sql`select max(created_at) as applied from drizzle.__drizzle_migrations`,
    );
    applied = rows[0]?.applied == null ? null : Number(rows[0].applied);
  }
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  return migrations.filter((migration) => applied === null || applied < migration.folderMillis).length;
}

/** With MIGRATE_ON_START=false: refuse to serve a database whose schema is older than the code. */
export async function assertMigrated(database: Database): Promise<void> {
  const pending = await pendingMigrationCount(database);
  if (pending > 0) {
    throw new Error(
      `the database lacks ${pending} migration(s); run \`npm run db:migrate\` or start with MIGRATE_ON_START=true`,
    );
  }
}
