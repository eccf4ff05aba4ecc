// The bulk-load phase, run before the server starts (on the embedded database it owns the cluster meanwhile):
// users, sessions, the long histories, the crowded inbox, and the insert ceiling of scenario 1.
import path from 'node:path';
import type { AppContext } from '../../src/context.js';
import { openDatabase } from '../../src/db/client.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { signAccessToken } from '../../src/modules/auth/access-tokens.js';
import { BENCH_PASSWORD, type BenchUser } from './api-client.js';
import { type CeilingResult, measureInsertCeiling } from './insert-ceiling.js';
import {
  databaseVersion,
  FIRST_BULK_USER,
  FIXED_USERS,
  type HistoryConversation,
  loadCeilingConversations,
  loadHistory,
  loadInbox,
  loadSessions,
  loadUsers,
  sessionId,
  userEmail,
  userId,
} from './preload.js';
import { progress } from './progress.js';

export interface FixturePlan {
  databaseUrl: string | null;
  /** The embedded cluster folder (the server's DATA_DIR/postgres), used when databaseUrl is null. */
  embeddedDir: string;
  history: { size: number; smallSize: number } | null;
  inbox: {
    conversations: number;
    perConversation: number;
    /** Users in `ownerConversations` chats each, loaded beside the crowded inbox. */
    owners: number;
    ownerConversations: number;
  } | null;
  /** Bulk users with a live session each (idle sockets, then the capacity ramp). */
  sockets: number;
  ceiling: { workers: number; conversations: number; seconds: number; content: string } | null;
}

export interface Fixtures {
  databaseVersion: string;
  history: { big: HistoryConversation; small: HistoryConversation } | null;
  inboxConversations: number;
  /** User numbers with a live session each and `ownerConversations` chats: the inbox at many connections. */
  inboxOwners: number[];
  /** User numbers (see preload.ts) with a live session each, for the idle-socket and capacity scenarios. */
  socketUsers: number[];
  ceiling: CeilingResult | null;
  loadSeconds: number;
}

/** The server's pool size (src/db/client.ts default), so the ceiling runs on the same pool. */
export const SERVER_POOL_SIZE = 20;

export async function loadFixtures(plan: FixturePlan): Promise<Fixtures> {
  const startedAt = performance.now();
  progress(`load: opening the ${plan.databaseUrl ? 'PostgreSQL' : 'embedded PostgreSQL'} database`);
  const database = await openDatabase({
    databaseUrl: plan.databaseUrl,
    embedded: { dir: plan.embeddedDir, port: null },
    poolSize: SERVER_POOL_SIZE,
  });
  try {
    const version = await databaseVersion(database.db);
    const bulkUsers = Math.max(plan.sockets, plan.inbox?.conversations ?? 0);
    // The many-inbox owners and their partners come after every other bulk user, so no one else's
    // chats grow theirs (and theirs grow no one else's).
    const firstInboxOwner = FIRST_BULK_USER + bulkUsers;
    const inboxOwners = Array.from({ length: plan.inbox?.owners ?? 0 }, (_, i) => firstInboxOwner + i);
    const firstInboxPartner = firstInboxOwner + inboxOwners.length;
    const extraUsers = plan.inbox ? inboxOwners.length + plan.inbox.ownerConversations : 0;
    const totalUsers = FIRST_BULK_USER - 1 + bulkUsers + extraUsers;
    progress(`load: ${totalUsers.toLocaleString('en-US')} users`);
    await loadUsers(database.db, totalUsers, await hashPassword(BENCH_PASSWORD));
    const socketUsers = Array.from({ length: plan.sockets }, (_, i) => FIRST_BULK_USER + i);
    if (plan.sockets > 0)
      await loadSessions(database.db, FIRST_BULK_USER, FIRST_BULK_USER + plan.sockets - 1);
    if (inboxOwners.length > 0) await loadSessions(database.db, firstInboxOwner, firstInboxPartner - 1);
    let history: Fixtures['history'] = null;
    if (plan.history) {
      progress(`load: history of ${plan.history.size.toLocaleString('en-US')} messages (bulk SQL)`);
      const big = await loadHistory(database.db, 1, plan.history.size);
      const small = await loadHistory(database.db, 2, plan.history.smallSize);
      history = { big, small };
    }
    if (plan.inbox) {
      const { conversations, perConversation, owners, ownerConversations } = plan.inbox;
      progress(
        `load: inbox of ${conversations} conversations, and ${owners} inboxes of ${ownerConversations}`,
      );
      await loadInbox(database.db, {
        firstOwner: FIXED_USERS.inboxOwner,
        owners: 1,
        firstPartner: FIRST_BULK_USER,
        conversations,
        perConversation,
        firstIndex: 0,
      });
      if (owners > 0) {
        await loadInbox(database.db, {
          firstOwner: firstInboxOwner,
          owners,
          firstPartner: firstInboxPartner,
          conversations: ownerConversations,
          perConversation,
          firstIndex: 1,
        });
      }
    }
    const loadSeconds = (performance.now() - startedAt) / 1000;
    let ceiling: CeilingResult | null = null;
    if (plan.ceiling) {
      progress(
        `1 send ceiling: ${plan.ceiling.workers} concurrent INSERTs through the ${database.kind} driver for ${plan.ceiling.seconds}s`,
      );
      const conversationIds = await loadCeilingConversations(database.db, plan.ceiling.conversations);
      ceiling = await measureInsertCeiling(database.db, {
        workers: plan.ceiling.workers,
        conversationIds,
        senderId: userId(FIXED_USERS.historySender),
        content: plan.ceiling.content,
        seconds: plan.ceiling.seconds,
      });
      progress(`1 send ceiling: ${Math.round(ceiling.perSecond)} inserts/s`);
    }
    progress(`load: done in ${loadSeconds.toFixed(1)}s; closing the database`);
    return {
      databaseVersion: version,
      history,
      inboxConversations: plan.inbox?.conversations ?? 0,
      inboxOwners,
      socketUsers,
      ceiling,
      loadSeconds,
    };
  } finally {
    await database.close();
  }
}

/** Access tokens for bulk users, signed with the server's JWT_SECRET: 10,000 logins would take minutes. */
export async function signTokens(jwtSecret: string, users: number[]): Promise<string[]> {
  const ctx = {
    config: { accessTokenTtlMs: 60 * 60 * 1000 },
    jwtKey: new TextEncoder().encode(jwtSecret),
  } as unknown as AppContext;
  return Promise.all(users.map((n) => signAccessToken(ctx, { userId: userId(n), sessionId: sessionId(n) })));
}

/** Messages already in the A/B scripts' database, as the full run has its long histories. */
const AB_HISTORY = { size: 100_000, smallSize: 1_000 };

/**
 * Bulk users with a live session each and a signed token, for the A/B scripts: loaded into their
 * database through SQL, beside a history of 100,000 messages (no inbox or ceiling). Without one the
 * planner's first generic plans of the send and ack statements are made for an empty messages table,
 * scan it as it grows, and keep doing so until autovacuum analyzes it: a server that has run a while
 * never works like that, and the full run's figures (which load their histories first) do not either.
 */
export async function loadBenchUsers(
  databaseUrl: string,
  tmp: string,
  jwtSecret: string,
  count: number,
): Promise<BenchUser[]> {
  const fixtures = await loadFixtures({
    databaseUrl,
    embeddedDir: path.join(tmp, 'unused'),
    history: AB_HISTORY,
    inbox: null,
    sockets: count,
    ceiling: null,
  });
  const tokens = await signTokens(jwtSecret, fixtures.socketUsers);
  return fixtures.socketUsers.map((n, i) => ({ id: userId(n), email: userEmail(n), token: tokens[i]! }));
}
