// Live sessions remembered in memory, so checking an access token needs no database round trip, and
// next to them their users' own rows, so GET /users/me needs none either.
// Every change that ends a session publishes a `disconnect` message on the bus, and every change to a
// user's row a `user-changed` one; each process forgets what they name (its own publishes at once, other
// processes' when the message arrives), and a short TTL bounds how long an entry can outlive a message
// the bus lost.
import type { BusMessage } from './events.js';
import type { UserRow } from './user-row.js';

interface CachedSession {
  userId: string;
  /** When the session itself expires (sessions slide forward on refresh, never back). */
  sessionExpiresAt: number;
  /** When this copy must be checked against the database again. */
  staleAt: number;
}

export class SessionCache {
  /** Insertion order is recency order: a hit moves the entry to the end, eviction takes the front. */
  private readonly entries = new Map<string, CachedSession>();
  /** Users' own rows, by user id, in the same recency order and under the same bound and TTL. */
  private readonly users = new Map<string, { user: UserRow; staleAt: number }>();
  /**
   * Bumped by every invalidation. A lookup that started before one must not store what it read: the
   * database may have answered before the session ended.
   */
  private generation = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  /** True when this session of this user is known to be live; false means "ask the database". */
  isLive(sessionId: string, userId: string, now = Date.now()): boolean {
    const entry = this.entries.get(sessionId);
    if (!entry) return false;
    if (entry.userId !== userId || now >= entry.staleAt || now >= entry.sessionExpiresAt) {
      this.entries.delete(sessionId);
      return false;
    }
    this.entries.delete(sessionId);
    this.entries.set(sessionId, entry);
    return true;
  }

  /** Taken before asking the database; pass it to remember. */
  get version(): number {
    return this.generation;
  }

  /** Stores a session the database found live, unless an invalidation happened since `version`. */
  remember(sessionId: string, userId: string, sessionExpiresAt: Date, version: number, now = Date.now()) {
    if (version !== this.generation || this.maxEntries === 0) return;
    this.entries.delete(sessionId);
    this.entries.set(sessionId, {
      userId,
      sessionExpiresAt: sessionExpiresAt.getTime(),
      staleAt: now + this.ttlMs,
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** The user's own row as last read, unless it may have changed since (then: ask the database). */
  userRow(userId: string, now = Date.now()): UserRow | undefined {
    const entry = this.users.get(userId);
    if (!entry) return undefined;
    this.users.delete(userId);
    if (now >= entry.staleAt) return undefined;
    this.users.set(userId, entry);
    return entry.user;
  }

  /** Stores a user's row read from the database, unless a change or invalidation happened since `version`. */
  rememberUserRow(user: UserRow, version: number, now = Date.now()): void {
    if (version !== this.generation || this.maxEntries === 0) return;
    this.users.delete(user.id);
    this.users.set(user.id, { user, staleAt: now + this.ttlMs });
    if (this.users.size > this.maxEntries) {
      const oldest = this.users.keys().next().value;
      if (oldest !== undefined) this.users.delete(oldest);
    }
  }

  /** Forgets one session, or every session of the user and their row (password reset, deactivation). */
  forget(userId: string, sessionId?: string): void {
    this.generation += 1;
    if (sessionId) {
      this.entries.delete(sessionId);
      return;
    }
    this.users.delete(userId);
    for (const [id, entry] of this.entries) if (entry.userId === userId) this.entries.delete(id);
  }

  /** The user's row changed (profile, photo, verification, last seen): read it again next time. */
  forgetUserRow(userId: string): void {
    this.generation += 1;
    this.users.delete(userId);
  }

  onBusMessage(message: BusMessage): void {
    if (message.kind === 'disconnect') this.forget(message.userId, message.sessionId);
    else if (message.kind === 'user-changed') this.forgetUserRow(message.userId);
    // The bus was interrupted: a session may have ended, or a user changed, without this process hearing.
    else if (message.kind === 'resync') {
      this.generation += 1;
      this.entries.clear();
      this.users.clear();
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
