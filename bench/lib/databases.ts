// Throw-away databases on a PostgreSQL server, and whether PostgreSQL and Redis answer at all.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { onCleanup } from './cleanup.js';
import { progress } from './progress.js';

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function redisReachable(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TempDatabase {
  url: string;
  /** True when we created it (and drop it at the end); false when we had to use the given one as is. */
  owned: boolean;
  drop(): Promise<void>;
}

/**
 * A fresh database on the server at `url`, dropped at cleanup, so runs never see each other's data.
 * Without the right to create one, the given database is used as it is (and its data left in place).
 */
export async function createTempDatabase(url: string): Promise<TempDatabase> {
  const name = `chat_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const explainMs = process.env.BENCH_AUTO_EXPLAIN_MS;
    if (explainMs) {
      await admin.query(`alter database ${name} set session_preload_libraries = 'auto_explain'`);
      await admin.query(`alter database ${name} set auto_explain.log_min_duration = ${Number(explainMs)}`);
      await admin.query(`alter database ${name} set auto_explain.log_analyze = on`);
      await admin.query(`alter database ${name} set auto_explain.log_timing = off`);
      await admin.query(`alter database ${name} set auto_explain.log_buffers = on`);
    }
  } catch (error) {
    await admin.end();
    const reason = error instanceof Error ? error.message : String(error);
    progress(`could not create a temp database (${reason}); using the given database as it is`);
    return { url, owned: false, drop: async () => {} };
  }
  await admin.end();
  const drop = onCleanup(`drop database ${name}`, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop database if exists ${name} with (force)`);
    } finally {
      await client.end();
    }
  });
  return { url: withDatabase(url, name), owned: true, drop };
}

export async function postgresServerVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ version: string }>('select version() as version');
    return result.rows[0]!.version;
  } finally {
    await client.end();
  }
}
