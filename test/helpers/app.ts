// Builds a real app on a real database for a test file; several apps may share one database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, inject } from 'vitest';
import { type AppDeps, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type RateLimitStore, RedisRateLimitStore } from '../../src/http/rate-limit-store.js';
import { type EventBus, MemoryBus, RedisBus } from '../../src/realtime/bus.js';
import { presenceTtlMs, RedisPresenceStore } from '../../src/realtime/presence-store.js';
import { redisClient } from '../../src/runtime.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { connectAs, listen, type TestSocket } from './ws.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  bus: EventBus;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra settings, as environment variables (e.g. { RATE_LIMIT_PER_IP: '3' }). */
  env?: Record<string, string>;
  /** Share another app's database instead of opening a fresh one. */
  database?: TestDatabase;
  /** Use the real Redis at REDIS_URL for the event bus and rate limits (fails loudly when it is not set). */
  redis?: boolean;
  /** Use the Redis at this URL (e.g. a test's own redis-server) the way `redis` uses REDIS_URL. */
  redisUrl?: string;
  /** This event bus instead of a new one (the caller closes it). */
  bus?: EventBus;
  /** With redis: the rate-limit key prefix; apps given the same one count against the same limits. */
  rateLimitPrefix?: string;
  /** Receives every log line (set LOG_LEVEL in env too, tests log nothing by default). */
  logStream?: { write(line: string): void };
  /** Serve the web app at `/` (built once per test run by the global setup). */
  webApp?: boolean;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chat-test-')),
    RATE_LIMIT_PER_IP: '100000',
    LOGIN_FAILURE_LIMIT: '100000',
    LOGIN_FAILURE_ACCOUNT_LIMIT: '100000',
    USER_SEARCH_RATE_LIMIT: '100000',
    MESSAGE_SEARCH_RATE_LIMIT: '100000',
    MESSAGE_RATE_LIMIT: '100000',
    UPLOAD_RATE_LIMIT: '100000',
    PUBLIC_URL: 'http://chat.test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
}

// Apps on one database share presence (they are one deployment); other test files must not see it.
const presencePrefixes = new WeakMap<TestDatabase, string>();
export function presencePrefixFor(database: TestDatabase): string {
  let prefix = presencePrefixes.get(database);
  if (!prefix) {
    prefix = `chat-test:${randomBytes(6).toString('hex')}:presence:`;
    presencePrefixes.set(database, prefix);
  }
  return prefix;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.env);
  const ownsDatabase = !options.database;
  const database = options.database ?? (await freshDatabase());
  let bus: EventBus = options.bus ?? new MemoryBus();
  const redisUrl = options.redisUrl ?? (options.redis ? process.env.REDIS_URL : undefined) ?? null;
  if (options.redis && !redisUrl) throw new Error('This test needs REDIS_URL (a real Redis server)');
  if (redisUrl && !options.bus) {
    const redisBus = new RedisBus(redisClient(redisUrl), redisClient(redisUrl, { subscriber: true }));
    await redisBus.start();
    bus = redisBus;
  }
  // A prefix per app (unless one is given) keeps parallel test files from sharing rate-limit counters.
  const prefix = options.rateLimitPrefix ?? `chat-test:${randomBytes(6).toString('hex')}:`;
  const rateLimitStore: RateLimitStore | undefined = redisUrl
    ? new RedisRateLimitStore(redisClient(redisUrl), prefix)
    : undefined;
  const presence = redisUrl
    ? new RedisPresenceStore(
        redisClient(redisUrl),
        presenceTtlMs(config.wsHeartbeatMs),
        presencePrefixFor(database),
      )
    : undefined;
  const deps: AppDeps = {
    database,
    bus,
    jwtKey: new TextEncoder().encode(TEST_JWT_SECRET),
    rateLimitStore,
    presence,
    logStream: options.logStream,
    webAppDir: options.webApp ? inject('webAppDir') : undefined,
  };
  const app = await buildApp({ ...config, redisUrl }, deps);
  await app.ready();
  return {
    app,
    config,
    database,
    bus,
    close: async () => {
      await app.close();
      await rateLimitStore?.close();
      await presence?.close();
      if (!options.bus) await bus.close();
      if (ownsDatabase) await database.close();
    },
  };
}

/** The app of one test file, see useTestApp. */
export interface FileApp extends TestApp {
  /** Its ws:// base URL: it listens on a local port from before the file's first test. */
  readonly base: string;
  /** The same address as http://, for requests over a real connection. */
  readonly origin: string;
  /** Opens an authenticated socket for `user` and waits for `ready`; it is closed when the file ends. */
  online(user: { token: string }): Promise<TestSocket>;
}

/**
 * The app a test file runs against, on its own fresh database: built and listening in the file's first
 * beforeAll, closed in its last afterAll together with every socket `online` opened. Its fields can be read
 * inside tests and hooks (not at the top level of the file, where the app does not exist yet).
 */
export function useTestApp(options: TestAppOptions = {}): FileApp {
  let current: { testApp: TestApp; base: string } | null = null;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    const testApp = await createTestApp(options);
    current = { testApp, base: await listen(testApp.app) };
  });
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.close()));
    await current?.testApp.close();
  });
  const built = () => {
    if (!current) throw new Error('The test app is built in beforeAll: use it inside a test or a hook');
    return current;
  };
  return {
    get app() {
      return built().testApp.app;
    },
    get config() {
      return built().testApp.config;
    },
    get database() {
      return built().testApp.database;
    },
    get bus() {
      return built().testApp.bus;
    },
    get base() {
      return built().base;
    },
    get origin() {
      return built().base.replace(/^ws:/, 'http:');
    },
    close: () => built().testApp.close(),
    online: async (user) => {
      const socket = await connectAs(built().base, user);
      sockets.push(socket);
      return socket;
    },
  };
}
