// The database: a node-postgres pool on the embedded PostgreSQL (default) or on the server at DATABASE_URL,
// migrated before first use. Losing the connection never crashes the process: queries fail until it is back.
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres/session';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { PROJECT_ROOT } from '../lib/project-root.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** Drizzle over the pool; `$client` is the pool itself, for the few places that speak to the driver directly. */
export type Db = NodePgDatabase<Schema> & { $client: pg.Pool };
export type Tx = PgTransaction<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database itself or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres';
  /** Cheap round trip used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// The SQL is read from src/db/migrations whether the server runs from src/ or from the build: it is not copied.
export const MIGRATIONS_FOLDER = path.join(PROJECT_ROOT, 'src/db/migrations');

const MIGRATION_LOCK = 72_001_337;

export interface EmbeddedOptions {
  /** The cluster folder (DATA_DIR/postgres for the server). */
  dir: string;
  /** Loopback port; null picks a free one. */
  port: number | null;
  /** Use the server another live process (the chat server) runs on this folder, e.g. for `npm run seed`. */
  shareRunning?: boolean;
  /** Extra server settings, e.g. fsync=off for a throw-away cluster. */
  settings?: Record<string, string>;
}

export interface OpenOptions {
  /** A PostgreSQL server; null starts (or joins) the embedded one. */
  databaseUrl: string | null;
  embedded?: EmbeddedOptions;
  poolSize?: number;
  /** Apply pending migrations before returning (default true; `npm run db:migrate` exists for false). */
  migrate?: boolean;
  /** Where connection trouble and embedded-server notices go (one line each); silent when absent. */
  log?: DatabaseLog;
}

export interface DatabaseLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const pool = { size: options.poolSize ?? 20, migrate: options.migrate ?? true, log: options.log };
  if (options.databaseUrl) return openPool(options.databaseUrl, 'postgres', pool, null);
  if (!options.embedded) throw new Error('openDatabase needs either databaseUrl or embedded');
  const server = await startEmbeddedPostgres({
    ...options.embedded,
    onNotice: (message) => options.log?.warn({}, message),
  });
  options.log?.info(
    { dir: options.embedded.dir, port: server.port, created: server.created, shared: !server.owned },
    `embedded PostgreSQL on 127.0.0.1:${server.port}`,
  );
  try {
    return await openPool(server.url(), 'embedded', pool, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function openPool(
  url: string,
  kind: Database['kind'],
  options: { size: number; migrate: boolean; log: DatabaseLog | undefined },
  server: EmbeddedPostgres | null,
): Promise<Database> {
  // Connections stay open once made (pg closes idle ones after 10 s by default): a new one costs a
  // PostgreSQL backend's start (about 14 ms here) and the prepared statements again, paid by whichever
  // request needs it first after a quiet spell, in the middle of the next burst.
  const pool = new pg.Pool({ connectionString: url, max: options.size, idleTimeoutMillis: 0 });
  const connections = watchConnections(pool, options.log);
  try {
    if (options.migrate) await migrateOnce(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    db: drizzle({ client: pool, schema }),
    kind,
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      await pool.end();
      // pool.end() resolves once it has asked each connection to end, not once they have: stopping the
      // embedded server before they are gone would cut them off, each logged as a lost connection.
      await connections.ended(CONNECTIONS_END_WAIT_MS);
      await server?.stop();
    },
  };
}

// Several processes may start together: an advisory lock makes them migrate one at a time.
async function migrateOnce(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/**
 * A connection that breaks (PostgreSQL restarted, the network dropped) emits 'error' on its client; unheard,
 * that event ends the process. The pool listens only while a client is idle, so every client gets its own
 * listener for its whole life (one log line per lost connection); a query in flight rejects as well, and the
 * pool discards the broken client when it is released.
 */
function watchConnections(pool: pg.Pool, log: DatabaseLog | undefined) {
  const open = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    open.add(client);
    client.once('end', () => open.delete(client));
    client.on('error', (error) => log?.error({ err: error }, `database connection lost: ${error.message}`));
  });
  // The same error again, re-emitted by the pool for idle clients: already logged above.
  pool.on('error', () => {});
  return {
    /** Resolves when every connection has ended, or after `waitMs` (a stuck socket must not hold shutdown). */
    ended: async (waitMs: number) => {
      const ends = [...open].map((client) => new Promise((resolve) => client.once('end', resolve)));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((resolve) => {
        timer = setTimeout(resolve, waitMs);
      });
      await Promise.race([Promise.all(ends), timeout]);
      clearTimeout(timer);
    },
  };
}

/** How long close() waits for the pool's connections to end before stopping the embedded server. */
const CONNECTIONS_END_WAIT_MS = 2_000;
