// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database in DATA_DIR)
// and exits; for deployments that start the server with MIGRATE_ON_START=false.
import 'dotenv/config';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { pendingMigrationCount } from './db/migration-status.js';

async function main() {
  const config = loadConfig();
  // The same path the server takes at start: PostgreSQL servers migrate under an advisory lock.
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    embedded: { dir: path.join(config.dataDir, 'postgres'), port: config.embeddedDbPort, shareRunning: true },
    poolSize: 1,
    migrate: true,
  });
  try {
    const pending = await pendingMigrationCount(database);
    if (pending > 0) throw new Error(`${pending} migration(s) still pending after migrating`);
    console.log(`The ${database.kind} database is up to date.`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Invalid setting: ${error.message}`);
  else console.error('Migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
