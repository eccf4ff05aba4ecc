// SQL for invite links: create, look up by code, list the live ones, revoke, and spend a use atomically.
import { and, count, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { conversations, invites, participants } from '../../db/schema.js';

export type InviteRow = typeof invites.$inferSelect;

export async function insertInvite(db: Executor, values: typeof invites.$inferInsert): Promise<InviteRow> {
  const [row] = await db.insert(invites).values(values).returning();
  return row!;
}

export async function findInviteByCode(db: Executor, code: string): Promise<InviteRow | null> {
  const [row] = await db.select().from(invites).where(eq(invites.code, code)).limit(1);
  return row ?? null;
}

/** Not revoked, not expired, not used up: the one definition of a link that still works. */
function isLive(now: Date) {
  return and(
    isNull(invites.revokedAt),
    gt(invites.expiresAt, now),
    or(isNull(invites.maxUses), lt(invites.uses, invites.maxUses)),
  );
}

/** A page of a group's live links, newest first (keyset on the time-ordered id). */
export async function listLiveInvites(
  db: Executor,
  conversationId: string,
  page: { now: Date; limit: number; beforeId?: string },
): Promise<InviteRow[]> {
  return db
    .select()
    .from(invites)
    .where(
      and(
        eq(invites.conversationId, conversationId),
        isLive(page.now),
        page.beforeId ? lt(invites.id, page.beforeId) : undefined,
      ),
    )
    .orderBy(desc(invites.id))
    .limit(page.limit);
}

export async function markInviteRevoked(db: Executor, inviteId: string, now: Date): Promise<InviteRow> {
  const [row] = await db
    .update(invites)
    .set({ revokedAt: sql`coalesce(${invites.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(invites.id, inviteId))
    .returning();
  return row!;
}

/**
 * Spends one use if the link still works, in one statement: the condition is checked against the
 * row as it is when the update takes its lock, so concurrent joins can never push uses past max_uses.
 */
export async function claimInviteUse(tx: Tx, inviteId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(and(eq(invites.id, inviteId), isLive(now)))
    .returning({ id: invites.id });
  return rows.length > 0;
}

export async function countActiveMembers(db: Executor, conversationId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(participants)
    .where(and(eq(participants.conversationId, conversationId), isNull(participants.leftAt)));
  return Number(row?.value ?? 0);
}

export async function findConversation(db: Executor, conversationId: string) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  return row ?? null;
}
