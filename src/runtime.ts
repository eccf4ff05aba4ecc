// Opens what the app depends on (database, Redis, signing key) from the settings, and closes it again.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { AppDeps } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db/client.js';
import { assertMigrated } from './db/migration-status.js';
import { RedisRateLimitStore } from './http/rate-limit-store.js';
import { ensurePrivateDirSync, PRIVATE_FILE_MODE } from './lib/private-files.js';
import { type EventBus, MemoryBus, RedisBus } from './realtime/bus.js';
import { presenceTtlMs, RedisPresenceStore } from './realtime/presence-store.js';

export interface Runtime {
  deps: AppDeps;
  close(): Promise<void>;
}

/** JWT_SECRET, or a key generated once and kept in DATA_DIR so tokens survive restarts. */
export function loadJwtKey(config: Config): Uint8Array {
  if (config.jwtSecret) return new TextEncoder().encode(config.jwtSecret);
  const file = path.resolve(config.dataDir, 'jwt-secret');
  try {
    return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
  } catch {
    ensurePrivateDirSync(path.dirname(file));
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    return new TextEncoder().encode(secret);
  }
}

export function redisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
}

export interface RuntimeOptions {
  /** Join the embedded PostgreSQL a running server has started on DATA_DIR (`npm run seed`) instead of refusing. */
  shareRunningDatabase?: boolean;
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  // Before anything is written into it, also when an older version created it world-readable.
  ensurePrivateDirSync(config.dataDir);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    embedded: {
      dir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedDbPort,
      shareRunning: options.shareRunningDatabase,
    },
    migrate: config.migrateOnStart,
    log: pino({ level: config.logLevel }),
  });
  if (!config.migrateOnStart) {
    try {
      await assertMigrated(database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  let bus: EventBus = new MemoryBus();
  if (config.redisUrl) {
    const redisBus = new RedisBus(redisClient(config.redisUrl), redisClient(config.redisUrl));
    await redisBus.start();
    bus = redisBus;
  }
  // Rate-limit counters live in Redis when there is one, so every process counts against the same limit.
  const rateLimitStore = config.redisUrl ? new RedisRateLimitStore(redisClient(config.redisUrl)) : undefined;
  // Presence counts sockets on every process when there is a Redis to count them in.
  const presence = config.redisUrl
    ? new RedisPresenceStore(redisClient(config.redisUrl), presenceTtlMs(config.wsHeartbeatMs))
    : undefined;
  return {
    deps: { database, bus, jwtKey: loadJwtKey(config), rateLimitStore, presence },
    close: async () => {
      await rateLimitStore?.close();
      await presence?.close();
      await bus.close();
      await database.close();
    },
  };
}
