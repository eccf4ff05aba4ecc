// Opens what the app depends on (database, Redis, signing key) from the settings, and closes it again.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { AppDeps } from './app.js';
import { type Config, ConfigError } from './config.js';
import { openDatabase } from './db/client.js';
import { assertMigrated } from './db/migration-status.js';
import { RedisRateLimitStore } from './http/rate-limit-store.js';
import { createPrivateDirSync, ensurePrivateDirSync, PRIVATE_FILE_MODE } from './lib/private-files.js';
import { type EventBus, MemoryBus, RedisBus } from './realtime/bus.js';
import { presenceTtlMs, RedisPresenceStore } from './realtime/presence-store.js';

export interface Runtime {
  deps: AppDeps;
  close(): Promise<void>;
}

function readStoredKey(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** JWT_SECRET, or a key generated once and kept in DATA_DIR so tokens survive restarts. */
export function loadJwtKey(config: Config): Uint8Array {
  if (config.jwtSecret) return new TextEncoder().encode(config.jwtSecret);
  const file = path.resolve(config.dataDir, 'jwt-secret');
  const stored = readStoredKey(file);
  if (stored !== null) {
    // A short key can be brute-forced offline from any token it signed: refuse it rather than sign with it.
    if (stored.length < 32) {
      throw new ConfigError(
        `${file} holds a signing key shorter than 32 characters; delete the file to have a new key generated, or set JWT_SECRET`,
      );
    }
    return new TextEncoder().encode(stored);
  }
  createPrivateDirSync(path.dirname(file));
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return new TextEncoder().encode(secret);
}

export interface RedisLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface RedisClientOptions {
  /** Where connection trouble goes: one line when the connection is lost, one when it is back. */
  log?: RedisLog;
  /** What the connection is for, in those lines (bus, subscriber, rate limits, presence). */
  name?: string;
  /** A pub/sub subscriber: it keeps its offline queue, so its subscription is made again on reconnect. */
  subscriber?: boolean;
}

/**
 * An ioredis client that never makes a request wait for Redis once it has connected: commands issued
 * while the connection is down fail at once (no offline queue), so the rate limiter lets requests through,
 * presence and typing skip a beat and an event stays owed in the outbox, instead of each waiting out
 * reconnect attempts. Until the first connection commands queue, so start-up needs no extra wait.
 * Errors are listened to (an unheard 'error' would print ioredis's own non-JSON line), logged once per
 * outage.
 */
export function redisClient(url: string, options: RedisClientOptions = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: options.subscriber ? 3 : 1,
    commandTimeout: options.subscriber ? undefined : 2000,
    lazyConnect: false,
  });
  const name = options.name ?? 'redis';
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    options.log?.error({ err: error, redis: name }, `Redis connection lost (${name}): ${error.message}`);
  });
  client.on('ready', () => {
    if (!options.subscriber) client.options.enableOfflineQueue = false;
    if (!down) return;
    down = false;
    options.log?.info({ redis: name }, `Redis connection back (${name})`);
  });
  return client;
}

export interface RuntimeOptions {
  /** Join the embedded PostgreSQL a running server has started on DATA_DIR (`npm run seed`) instead of refusing. */
  shareRunningDatabase?: boolean;
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  // Before anything is written into it, also when an older version created it world-readable.
  ensurePrivateDirSync(config.dataDir);
  const jwtKey = loadJwtKey(config);
  const log = pino({ level: config.logLevel });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    embedded: {
      dir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedDbPort,
      shareRunning: options.shareRunningDatabase,
    },
    migrate: config.migrateOnStart,
    log,
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
  const redis = (name: string, subscriber = false) =>
    redisClient(config.redisUrl ?? '', { log, name, subscriber });
  if (config.redisUrl) {
    const redisBus = new RedisBus(redis('bus'), redis('bus subscriber', true), (error) =>
      log.error({ err: error }, 'event bus: could not read or resume the subscription'),
    );
    await redisBus.start();
    bus = redisBus;
  }
  // Rate-limit counters live in Redis when there is one, so every process counts against the same limit.
  const rateLimitStore = config.redisUrl ? new RedisRateLimitStore(redis('rate limits')) : undefined;
  // Presence counts sockets on every process when there is a Redis to count them in.
  const presence = config.redisUrl
    ? new RedisPresenceStore(redis('presence'), presenceTtlMs(config.wsHeartbeatMs))
    : undefined;
  return {
    deps: { database, bus, jwtKey, rateLimitStore, presence },
    close: async () => {
      await rateLimitStore?.close();
      await presence?.close();
      await bus.close();
      await database.close();
    },
  };
}
