// Who has a live socket, on any process: in memory for one process, or in Redis shared by all of them.
import type { Redis } from 'ioredis';

export interface PresenceStore {
  /** Records a socket; true when it is the user's first one (they just came online). */
  connect(userId: string, connectionId: string): Promise<boolean>;
  /** Forgets a socket; true when it was the user's last one (they just went offline). */
  disconnect(userId: string, connectionId: string): Promise<boolean>;
  /**
   * Counts an authenticated socket in the order sockets were opened; answers the ids of the user's
   * sockets beyond the `max` newest (oldest first): the caller closes them, wherever they live.
   */
  admit(userId: string, connectionId: string, max: number): Promise<string[]>;
  /** Heartbeat: this process's sockets are still alive (lets Redis entries of a crashed process expire). */
  refresh(connections: { userId: string; connectionId: string }[]): Promise<void>;
  /** The subset of `userIds` with at least one live socket. */
  onlineAmong(userIds: string[]): Promise<Set<string>>;
  /**
   * Users whose every socket lapsed without a close (their process died): each is returned to exactly
   * one caller, which announces them offline.
   */
  sweep(): Promise<string[]>;
  close(): Promise<void>;
}

export class MemoryPresenceStore implements PresenceStore {
  /** Each user's sockets, oldest first; arrays, not Sets: at most a few per user, mostly one. */
  private readonly sockets = new Map<string, string[]>();
  /** The sockets counted against the per-user cap, oldest first. */
  private readonly admitted = new Map<string, string[]>();

  async admit(userId: string, connectionId: string, max: number): Promise<string[]> {
    const order = addTo(this.admitted, userId, connectionId);
    return order.splice(0, Math.max(0, order.length - max));
  }

  async connect(userId: string, connectionId: string): Promise<boolean> {
    return addTo(this.sockets, userId, connectionId).length === 1;
  }

  async disconnect(userId: string, connectionId: string): Promise<boolean> {
    removeFrom(this.admitted, userId, connectionId);
    return removeFrom(this.sockets, userId, connectionId) && !this.sockets.has(userId);
  }

  async refresh(): Promise<void> {}

  /** One process: sockets cannot outlive it, so nothing ever lapses. */
  async sweep(): Promise<string[]> {
    return [];
  }

  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => this.sockets.has(id)));
  }

  async close(): Promise<void> {
    this.sockets.clear();
    this.admitted.clear();
  }
}

/** Appends a socket to a user's list (once) and returns the list. */
function addTo(lists: Map<string, string[]>, userId: string, connectionId: string): string[] {
  const list = lists.get(userId);
  if (!list) {
    const created = [connectionId];
    lists.set(userId, created);
    return created;
  }
  if (!list.includes(connectionId)) list.push(connectionId);
  return list;
}

/** Removes a socket from a user's list (the user too, with their last one); false when it was not there. */
function removeFrom(lists: Map<string, string[]>, userId: string, connectionId: string): boolean {
  const list = lists.get(userId);
  const at = list?.indexOf(connectionId) ?? -1;
  if (!list || at < 0) return false;
  list.splice(at, 1);
  if (list.length === 0) lists.delete(userId);
  return true;
}

/**
 * One sorted set per user: member = socket id, score = when that entry expires unless refreshed.
 * Each process refreshes its own sockets on every heartbeat, so the sockets of a process that crashed
 * stop counting after `ttlMs` instead of keeping their user online forever. Each step is one MULTI,
 * so two processes cannot both see "first socket" or "last socket".
 */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly prefix = 'chat:presence:',
  ) {}

  private key(userId: string): string {
    return `${this.prefix}${userId}`;
  }

  /** A user's sockets scored by when they were admitted: the socket cap closes the oldest. */
  private openedKey(userId: string): string {
    return `${this.prefix}opened:${userId}`;
  }

  /** Every online user, scored by when their last entry expires: what the sweep scans. */
  private get index(): string {
    return `${this.prefix}index`;
  }

  async connect(userId: string, connectionId: string): Promise<boolean> {
    const now = Date.now();
    const key = this.key(userId);
    const results = await this.redis
      .multi()
      .zremrangebyscore(key, '-inf', now)
      .zadd(key, now + this.ttlMs, connectionId)
      .zcard(key)
      .pexpire(key, this.ttlMs)
      .zadd(this.index, 'GT', now + this.ttlMs, userId)
      .exec();
    return Number(results?.[2]?.[1]) === 1;
  }

  /**
   * One MULTI, so two processes admitting at once agree on who is beyond the cap. Entries of a process
   * that died are the oldest, so they are the first to go; the key lapses with the user's last socket.
   */
  async admit(userId: string, connectionId: string, max: number): Promise<string[]> {
    const key = this.openedKey(userId);
    const results = await this.redis
      .multi()
      .zadd(key, Date.now(), connectionId)
      .zrange(key, 0, -(max + 1))
      .zremrangebyrank(key, 0, -(max + 1))
      .pexpire(key, this.ttlMs)
      .exec();
    return (results?.[1]?.[1] as string[] | undefined) ?? [];
  }

  async disconnect(userId: string, connectionId: string): Promise<boolean> {
    const key = this.key(userId);
    const results = await this.redis
      .multi()
      .zrem(key, connectionId)
      .zrem(this.openedKey(userId), connectionId)
      .zremrangebyscore(key, '-inf', Date.now())
      .zcard(key)
      .exec();
    const wentOffline = Number(results?.[0]?.[1]) === 1 && Number(results?.[3]?.[1]) === 0;
    if (wentOffline) await this.redis.zrem(this.index, userId);
    return wentOffline;
  }

  async refresh(connections: { userId: string; connectionId: string }[]): Promise<void> {
    if (connections.length === 0) return;
    const expires = Date.now() + this.ttlMs;
    const pipeline = this.redis.pipeline();
    for (const { userId, connectionId } of connections) {
      pipeline.zadd(this.key(userId), expires, connectionId).pexpire(this.key(userId), this.ttlMs);
      pipeline.pexpire(this.openedKey(userId), this.ttlMs);
      pipeline.zadd(this.index, 'GT', expires, userId);
    }
    await pipeline.exec();
  }

  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.zcount(this.key(id), `(${now}`, '+inf');
    const results = (await pipeline.exec()) ?? [];
    return new Set(userIds.filter((_, i) => Number(results[i]?.[1]) > 0));
  }

  async sweep(): Promise<string[]> {
    const now = Date.now();
    const candidates = await this.redis.zrangebyscore(this.index, '-inf', now, 'LIMIT', 0, 100);
    const lapsed: string[] = [];
    for (const userId of candidates) {
      if ((await this.onlineAmong([userId])).size > 0) continue;
      // ZREM answers 1 to one process only: that one announces the user offline.
      if ((await this.redis.zrem(this.index, userId)) === 1) lapsed.push(userId);
    }
    return lapsed;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** A socket's Redis entry outlives three missed heartbeats, then stops counting (its process is gone). */
export function presenceTtlMs(heartbeatMs: number): number {
  return heartbeatMs * 3;
}
