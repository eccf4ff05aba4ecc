// The first page of each user's conversation list, kept per process as the bytes last sent, so asking
// again while nothing changed costs no query and no serialisation (docs/decisions/0021).
// A page changes only through writes that raise an event for its owner (a message, a marker, a membership,
// a setting, a conversation's details), or that change a person it shows (the other member of a direct
// chat: profile, photo, privacy, last seen, block, account). So every bus delivery forgets its recipients'
// pages and every `user-changed` forgets the pages that show that user; this process's own messages are
// applied before they leave (invalidatingBus), others' when they arrive, and a short TTL bounds how long a
// page can outlive a message the bus lost. A page is also kept no longer than its first mute runs out.
import type { BusMessage } from './events.js';

interface CachedUser {
  /** The user's cached first pages, by list and page size. */
  pages: Map<string, Buffer>;
  /** The other people these pages show. */
  peers: Set<string>;
  bytes: number;
  /** When every page here must be read again. */
  staleAt: number;
}

/** A read that started at `token` and may be stored when nothing it depends on changed since. */
export interface InboxRead {
  token: number;
}

/** Past this many remembered change stamps they are dropped, and reads in flight then are not stored. */
const MAX_STAMPS = 10_000;
/** Pages kept per user (lists and page sizes): one user asking for every size cannot fill the cache. */
const MAX_PAGES_PER_USER = 4;

export class InboxCache {
  /** Insertion order is recency order: a hit moves the user to the end, eviction takes the front. */
  private readonly users = new Map<string, CachedUser>();
  /** For each person shown on some cached page, whose pages show them. */
  private readonly shownOn = new Map<string, Set<string>>();
  private bytes = 0;
  /** Counts invalidations; reads compare against it. */
  private clock = 0;
  /** Reads that began before this are not stored (the stamps they would need were dropped). */
  private floor = 0;
  /** When each user's own pages were last invalidated. */
  private readonly ownerStamps = new Map<string, number>();
  /** When each user last changed as others see them. */
  private readonly peerStamps = new Map<string, number>();

  constructor(
    private readonly maxBytes: number,
    private readonly ttlMs: number,
  ) {}

  /** A cached page, unless it may have changed (then: read it from the database). */
  get(userId: string, key: string, now = Date.now()): Buffer | undefined {
    const user = this.users.get(userId);
    if (!user) return undefined;
    if (now >= user.staleAt) {
      this.drop(userId);
      return undefined;
    }
    const page = user.pages.get(key);
    if (!page) return undefined;
    this.users.delete(userId);
    this.users.set(userId, user);
    return page;
  }

  /** Taken before reading a page from the database; pass it to `remember`. */
  begin(): InboxRead {
    return { token: this.clock };
  }

  /**
   * Stores a page read since `read` began, unless its owner or a person it shows changed since then (the
   * database may have answered before the change). `validUntil` is when the page's own content runs out.
   */
  remember(
    userId: string,
    key: string,
    body: Buffer,
    peers: readonly string[],
    read: InboxRead,
    validUntil = Number.POSITIVE_INFINITY,
    now = Date.now(),
  ): void {
    if (this.maxBytes === 0 || body.length > this.maxBytes) return;
    const { token } = read;
    if (token < this.floor || (this.ownerStamps.get(userId) ?? 0) > token) return;
    for (const peer of peers) if ((this.peerStamps.get(peer) ?? 0) > token) return;
    let user = this.users.get(userId);
    if (user) {
      this.users.delete(userId);
    } else {
      user = { pages: new Map(), peers: new Set(), bytes: 0, staleAt: now + this.ttlMs };
    }
    this.users.set(userId, user);
    const previous = user.pages.get(key);
    let added = body.length - (previous?.length ?? 0);
    if (!previous && user.pages.size >= MAX_PAGES_PER_USER) {
      const [oldestKey, oldestPage] = user.pages.entries().next().value as [string, Buffer];
      user.pages.delete(oldestKey);
      added -= oldestPage.length;
    }
    user.pages.set(key, body);
    user.bytes += added;
    this.bytes += added;
    user.staleAt = Math.min(user.staleAt, validUntil);
    for (const peer of peers) {
      if (user.peers.has(peer)) continue;
      user.peers.add(peer);
      let owners = this.shownOn.get(peer);
      if (!owners) {
        owners = new Set();
        this.shownOn.set(peer, owners);
      }
      owners.add(userId);
    }
    while (this.bytes > this.maxBytes) {
      const oldest = this.users.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
  }

  /** The user's pages may have changed: read them again next time. */
  forgetOwner(userId: string): void {
    this.clock += 1;
    this.stamp(this.ownerStamps, userId);
    this.drop(userId);
  }

  /** How others see this user changed: every page showing them is read again next time. */
  forgetPeer(userId: string): void {
    this.clock += 1;
    this.stamp(this.peerStamps, userId);
    this.stamp(this.ownerStamps, userId);
    this.drop(userId);
    const owners = this.shownOn.get(userId);
    if (owners) for (const owner of [...owners]) this.drop(owner);
  }

  clear(): void {
    this.clock += 1;
    this.floor = this.clock;
    this.users.clear();
    this.shownOn.clear();
    this.ownerStamps.clear();
    this.peerStamps.clear();
    this.bytes = 0;
  }

  onBusMessage(message: BusMessage): void {
    if (message.kind === 'deliver') {
      // Typing changes no page; it is also the most frequent event.
      if (message.event.type === 'typing') return;
      for (const userId of message.userIds) this.forgetOwner(userId);
    } else if (message.kind === 'user-changed') {
      this.forgetPeer(message.userId);
    } else if (message.kind === 'disconnect' && message.sessionId === undefined) {
      // Every session of the account ended (deactivation, password reset): how it shows may have changed.
      this.forgetPeer(message.userId);
    } else if (message.kind === 'resync') {
      // The bus was interrupted: a page may have changed without this process hearing.
      this.clear();
    }
  }

  /** Users with cached pages, and their bytes. */
  get size(): { users: number; bytes: number } {
    return { users: this.users.size, bytes: this.bytes };
  }

  private stamp(stamps: Map<string, number>, userId: string): void {
    if (stamps.size >= MAX_STAMPS && !stamps.has(userId)) {
      // Reads in flight now cannot be checked against the dropped stamps: none of them is stored.
      this.floor = this.clock;
      this.ownerStamps.clear();
      this.peerStamps.clear();
    }
    stamps.set(userId, this.clock);
  }

  private drop(userId: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    this.users.delete(userId);
    this.bytes -= user.bytes;
    for (const peer of user.peers) {
      const owners = this.shownOn.get(peer);
      owners?.delete(userId);
      if (owners?.size === 0) this.shownOn.delete(peer);
    }
  }
}
