// What services need, passed in explicitly (no module-level singletons): tests build as many as they like.
import type { KeyObject } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { AttachmentLinks } from './core/attachments.js';
import type { EventBus, OwedEvents } from './core/events.js';
import type { InboxCache } from './core/inbox-cache.js';
import type { SessionCache } from './core/session-cache.js';
import type { Db } from './db/client.js';
import type { Mailer } from './lib/mailer.js';
import type { RateLimiter } from './lib/rate-limiter.js';
import type { MediaStorage } from './lib/storage.js';

/** Who a valid access token speaks for. */
export interface AuthIdentity {
  userId: string;
  sessionId: string;
}

/** Who has an open socket on any process (presence), for features that must not import the realtime layer. */
export interface OnlineUsers {
  /** The subset of `userIds` with at least one live socket. */
  onlineAmong(userIds: string[]): Promise<Set<string>>;
}

/** A message that has just committed, as the push notifier needs to find it again. */
export interface CommittedMessage {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  /**
   * The conversation's members when the send committed, when the write knew them (a batch of sends reads
   * them under the lock): a superset of who may be pushed it, so push can skip a message none of whom
   * is offline.
   */
  members?: string[];
}

export interface AppContext {
  config: Config;
  db: Db;
  /** Services publish here; what a message invalidates is cleared from `sessions` and `inbox` on this process at once. */
  bus: EventBus;
  /** Outbox rows of events that have gone out are deleted through this (docs/decisions/0010). */
  outbox: OwedEvents;
  /** Live sessions this process has checked, so most requests authenticate without the database. */
  sessions: SessionCache;
  /** First pages of conversation lists as last sent, kept while nothing they show changed. */
  inbox: InboxCache;
  log: FastifyBaseLogger;
  /** Signing key for access tokens (from JWT_SECRET or generated into DATA_DIR). */
  /** A KeyObject made once: jose would otherwise import raw bytes on every verify. */
  jwtKey: KeyObject;
  /** Verification and recovery mail: SMTP, or the DATA_DIR/outbox folder. */
  mailer: Mailer;
  /** Counters for per-IP and per-account limits: in memory, or in Redis shared by all processes. */
  rateLimiter: RateLimiter;
  /**
   * The full access-token check (signature, expiry, live session, active account), for the HTTP hook and
   * the socket handshake; the auth module provides it and app.ts wires it in.
   */
  authenticate(token: string): Promise<AuthIdentity>;
  /** Photos and attachments: DATA_DIR/media on local disk (an S3-compatible store can implement the same interface). */
  storage: MediaStorage;
  /** Signs and checks the attachment download links made for one reader. */
  attachmentLinks: AttachmentLinks;
  /** Presence across processes (in memory, or Redis); the realtime layer provides it, app.ts wires it in. */
  online: OnlineUsers;
  /**
   * Called after a message has committed: hands it to the push notifier's background queue and returns at
   * once (never awaited work: a send must not wait on any push service). Wired in app.ts.
   */
  messageCommitted(message: CommittedMessage): void;
}
