// The only reader of process.env: every setting is parsed and checked once, at start.
import { isIP } from 'node:net';
import { parseDuration } from './lib/duration.js';

export interface Config {
  nodeEnv: string;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Apply pending migrations at start; off when operators run `npm run db:migrate` themselves. */
  migrateOnStart: boolean;
  /** Loopback port of the embedded PostgreSQL (used when databaseUrl is null); null picks a free one. */
  embeddedDbPort: number | null;
  redisUrl: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  /** Signing key for access tokens; null means "generate one and keep it in dataDir". */
  jwtSecret: string | null;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  /** How long a process may trust a session it checked, if no bus message tells it the session ended. */
  authCacheTtlMs: number;
  /** Bytes of first inbox pages each process keeps (core/inbox-cache.ts); 0 keeps none. */
  inboxCacheBytes: number;
  /** How many live sessions a process remembers; 0 checks every request against the database. */
  authCacheSize: number;
  rateLimitPerIp: number;
  loginFailureLimit: number;
  /** Failed logins for one account from all addresses together (the ceiling for distributed guessing). */
  loginFailureAccountLimit: number;
  /** People searches one user may run per minute. */
  userSearchRateLimit: number;
  /** Messages (sends and forwards) one user may post per 10 seconds. */
  messageRateLimit: number;
  /** Photo uploads one user may make per minute. */
  uploadRateLimit: number;
  messageDeleteWindowMs: number;
  /** Largest attachment upload in bytes. */
  attachmentMaxBytes: number;
  /** How long a signed attachment link works. */
  attachmentUrlTtlMs: number;
  /** How long an upload may wait for the message that uses it before it is removed. */
  attachmentUnusedTtlMs: number;
  /** How often the server removes unused uploads. */
  attachmentSweepIntervalMs: number;
  /** How long after sending its sender may still edit a message. */
  messageEditWindowMs: number;
  /** Message searches one user may run per minute. */
  messageSearchRateLimit: number;
  inviteMaxTtlMs: number;
  bodyLimitBytes: number;
  /** How often the server pings each WebSocket; a socket that missed the previous ping is dropped. */
  wsHeartbeatMs: number;
  /**
   * How long an event of a committed message may stay unpublished before the outbox relay of any process
   * sends it (its own process died, or the bus or the database failed after the commit).
   */
  eventRelayDelayMs: number;
  /** How long a new WebSocket may take to send its auth frame before it is closed (4408). */
  wsAuthTimeoutMs: number;
  /** Sockets from one address that may wait for their auth frame at once (per process). */
  wsUnauthenticatedPerIp: number;
  logLevel: string;
  /** Bearer token that reads /metrics; null: open in development, 404 in production. */
  metricsToken: string | null;
  /**
   * Which X-Forwarded-For entries to believe: none (false), the last N hops, or only those added by
   * these proxy addresses/CIDR ranges. Never "every hop": a client could then choose its own address.
   */
  trustProxy: false | number | string[];
  /** VAPID key pair (base64url) from the settings; null: generated once and kept in dataDir. */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  /** Who push services may contact about this server's pushes (mailto: or https:). */
  vapidSubject: string;
  /** Tests only: push endpoints may be plain http on a loopback address. */
  pushAllowInsecureEndpoints: boolean;
  /** How long one push request may take before it counts as failed (and is retried). */
  pushTimeoutMs: number;
  /** Wait before the first retry of a push; each further retry waits twice as long. */
  pushRetryDelayMs: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

function readDuration(env: Env, name: string, fallback: string): number {
  const raw = env[name] || fallback;
  const value = parseDuration(raw);
  if (value === null || value <= 0) {
    throw new ConfigError(`${name} must be a duration such as 90s, 15m, 48h or 30d (got "${raw}")`);
  }
  return value;
}

function readUrl(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL (got "${raw}")`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** A hop count (0 = trust no proxy) or a comma-separated list of proxy addresses and CIDR ranges. */
function readTrustProxy(env: Env): false | number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') {
    throw new ConfigError(
      'TRUST_PROXY=true would let any client choose its own address; give the number of proxies in front ' +
        'of the server (e.g. 1) or their addresses (e.g. 10.0.0.0/8,192.168.1.5)',
    );
  }
  if (/^\d+$/.test(raw)) {
    const hops = readInt(env, 'TRUST_PROXY', 0, 0, 10);
    return hops === 0 ? false : hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count (0 to 10) or a comma-separated list of IP addresses or CIDR ranges (got "${bad}")`,
    );
  }
  return entries;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function base64UrlBytes(value: string): number {
  return BASE64URL.test(value) ? Buffer.from(value, 'base64url').length : -1;
}

/** Both VAPID keys or neither: a P-256 public key (65 bytes, uncompressed) and its private key (32 bytes). */
function readVapidKeys(env: Env): Config['vapidKeys'] {
  const publicKey = env.VAPID_PUBLIC_KEY || '';
  const privateKey = env.VAPID_PRIVATE_KEY || '';
  if (publicKey === '' && privateKey === '') return null;
  if (publicKey === '' || privateKey === '') {
    throw new ConfigError('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together (or neither)');
  }
  if (base64UrlBytes(publicKey) !== 65) {
    throw new ConfigError('VAPID_PUBLIC_KEY must be an uncompressed P-256 public key, base64url (65 bytes)');
  }
  if (base64UrlBytes(privateKey) !== 32) {
    throw new ConfigError('VAPID_PRIVATE_KEY must be a P-256 private key, base64url (32 bytes)');
  }
  return { publicKey, privateKey };
}

/** VAPID_SUBJECT, else PUBLIC_URL when it is https, else a mailto: address (push services need one of both). */
function readVapidSubject(env: Env, publicUrl: string): string {
  const raw = env.VAPID_SUBJECT || '';
  if (raw === '') return publicUrl.startsWith('https://') ? publicUrl : 'mailto:admin@localhost';
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {}
  if (!url || !['mailto:', 'https:'].includes(url.protocol)) {
    throw new ConfigError(`VAPID_SUBJECT must be a mailto: or https: URL (got "${raw}")`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV || 'development';
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const jwtSecret = env.JWT_SECRET || null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  }
  if (nodeEnv === 'production' && jwtSecret === null) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  }
  const publicUrl = readUrl(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://${host}:${port}`;
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken !== null && metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters long');
  }
  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info');
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}`);
  return {
    nodeEnv,
    port,
    host,
    dataDir: env.DATA_DIR || './data',
    databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    migrateOnStart: readBoolean(env, 'MIGRATE_ON_START', true),
    embeddedDbPort: readInt(env, 'EMBEDDED_DB_PORT', 0, 0, 65535) || null,
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    smtpUrl: readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Chat <no-reply@chat.local>',
    publicUrl: publicUrl.replace(/\/+$/, ''),
    jwtSecret,
    accessTokenTtlMs: readDuration(env, 'ACCESS_TOKEN_TTL', '15m'),
    refreshTokenTtlMs: readDuration(env, 'REFRESH_TOKEN_TTL', '30d'),
    authCacheTtlMs: readDuration(env, 'AUTH_CACHE_TTL', '5s'),
    authCacheSize: readInt(env, 'AUTH_CACHE_SIZE', 100_000, 0, 10_000_000),
    inboxCacheBytes: readInt(env, 'INBOX_CACHE_MB', 32, 0, 65_536) * 1_048_576,
    rateLimitPerIp: readInt(env, 'RATE_LIMIT_PER_IP', 60, 1, 1_000_000),
    loginFailureLimit: readInt(env, 'LOGIN_FAILURE_LIMIT', 10, 1, 1_000_000),
    loginFailureAccountLimit: readInt(env, 'LOGIN_FAILURE_ACCOUNT_LIMIT', 100, 1, 1_000_000),
    userSearchRateLimit: readInt(env, 'USER_SEARCH_RATE_LIMIT', 30, 1, 1_000_000),
    messageRateLimit: readInt(env, 'MESSAGE_RATE_LIMIT', 30, 1, 1_000_000),
    uploadRateLimit: readInt(env, 'UPLOAD_RATE_LIMIT', 20, 1, 1_000_000),
    messageDeleteWindowMs: readDuration(env, 'MESSAGE_DELETE_WINDOW', '48h'),
    attachmentMaxBytes: readInt(env, 'ATTACHMENT_MAX_BYTES', 25 * 1_048_576, 1024, 1024 * 1_048_576),
    attachmentUrlTtlMs: readDuration(env, 'ATTACHMENT_URL_TTL', '1h'),
    attachmentUnusedTtlMs: readDuration(env, 'ATTACHMENT_UNUSED_TTL', '24h'),
    attachmentSweepIntervalMs: readDuration(env, 'ATTACHMENT_SWEEP_INTERVAL', '1h'),
    messageEditWindowMs: readDuration(env, 'MESSAGE_EDIT_WINDOW', '15m'),
    messageSearchRateLimit: readInt(env, 'MESSAGE_SEARCH_RATE_LIMIT', 60, 1, 1_000_000),
    inviteMaxTtlMs: readDuration(env, 'INVITE_MAX_TTL', '30d'),
    bodyLimitBytes: readInt(env, 'BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    wsHeartbeatMs: readDuration(env, 'WS_HEARTBEAT_INTERVAL', '30s'),
    eventRelayDelayMs: readDuration(env, 'EVENT_RELAY_DELAY', '5s'),
    wsAuthTimeoutMs: readDuration(env, 'WS_AUTH_TIMEOUT', '5s'),
    wsUnauthenticatedPerIp: readInt(env, 'WS_UNAUTHENTICATED_PER_IP', 20, 1, 100_000),
    logLevel,
    metricsToken,
    trustProxy: readTrustProxy(env),
    vapidKeys: readVapidKeys(env),
    vapidSubject: readVapidSubject(env, publicUrl),
    pushAllowInsecureEndpoints: readBoolean(env, 'PUSH_ALLOW_INSECURE_ENDPOINTS', false),
    pushTimeoutMs: readDuration(env, 'PUSH_TIMEOUT', '10s'),
    pushRetryDelayMs: readDuration(env, 'PUSH_RETRY_DELAY', '10s'),
  };
}
