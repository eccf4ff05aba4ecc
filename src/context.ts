// What services need, passed in explicitly (no module-level singletons): tests build as many as they like.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { EventBus } from './realtime/bus.js';

export interface AppContext {
  config: Config;
  db: Db;
  bus: EventBus;
  log: FastifyBaseLogger;
  /** Signing key for access tokens (from JWT_SECRET or generated into DATA_DIR). */
  jwtKey: Uint8Array;
}
