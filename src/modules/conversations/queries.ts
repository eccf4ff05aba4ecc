// SQL for conversations: creation, hiding, participants and roles. The inbox lives in inbox-queries.ts.
import { and, asc, eq, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { type ConversationRow, currentMembershipsOf, type Role } from '../../core/membership.js';
import type { Executor, Tx } from '../../db/client.js';
import { conversations, participants, users } from '../../db/schema.js';
import { publicUserColumnsFor } from '../users/queries.js';

/** The groups a user is a current member of. */
export async function activeGroupIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .where(and(...currentMembershipsOf(userId), eq(conversations.type, 'group')));
  return rows.map((row) => row.id);
}

/** The ids among `ids` that belong to existing, active accounts. */
export async function findActiveUserIds(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), isNull(users.deactivatedAt)));
  return rows.map((row) => row.id);
}

export type NewConversation = typeof conversations.$inferInsert;

export async function insertConversation(tx: Tx, values: NewConversation): Promise<ConversationRow> {
  const [row] = await tx.insert(conversations).values(values).returning();
  return row!;
}

/**
 * Inserts a direct chat unless the pair already has one. The unique index on direct_key decides, so
 * two racing requests cannot both create one; the loser gets null and reads the winner's row.
 */
export async function insertDirectIfAbsent(tx: Tx, values: NewConversation): Promise<ConversationRow | null> {
  const [row] = await tx
    .insert(conversations)
    .values(values)
    .onConflictDoNothing({ target: conversations.directKey })
    .returning();
  return row ?? null;
}

export async function findDirectByKey(db: Executor, directKey: string): Promise<ConversationRow | null> {
  const [row] = await db.select().from(conversations).where(eq(conversations.directKey, directKey)).limit(1);
  return row ?? null;
}

/** Shows a "deleted for me" direct chat again. */
export async function unhideConversation(
  db: Executor,
  conversationId: string,
  userId: string,
): Promise<boolean> {
  const shown = await db
    .update(participants)
    .set({ hiddenAtSeq: null })
    .where(
      and(
        eq(participants.conversationId, conversationId),
        eq(participants.userId, userId),
        isNotNull(participants.hiddenAtSeq),
      ),
    )
    .returning({ userId: participants.userId });
  return shown.length > 0;
}

/** "Delete for me" of a direct chat: hidden from my list until a message after `lastSeq` arrives. */
export async function hideConversation(
  db: Executor,
  conversationId: string,
  userId: string,
  lastSeq: number,
): Promise<void> {
  await db
    .update(participants)
    .set({ hiddenAtSeq: lastSeq })
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)));
}

export async function updateConversationFields(
  db: Executor,
  conversationId: string,
  fields: { title?: string; description?: string | null },
): Promise<void> {
  await db
    .update(conversations)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(conversations.id, conversationId));
}

export async function markConversationDeleted(db: Executor, conversationId: string): Promise<void> {
  const now = new Date();
  await db
    .update(conversations)
    .set({ deletedAt: now, updatedAt: now })
    .where(eq(conversations.id, conversationId));
}

export async function setRole(
  db: Executor,
  conversationId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await db
    .update(participants)
    .set({ role })
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)));
}

/**
 * Who inherits a group from an owner who leaves: the longest-standing admin, else the longest-standing
 * member ("longest-standing" = earliest start of their current membership). Never a deactivated
 * account: it could never act as owner again.
 */
export async function findSuccessor(
  tx: Tx,
  conversationId: string,
  leavingUserId: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ userId: participants.userId })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(
      and(
        eq(participants.conversationId, conversationId),
        isNull(participants.leftAt),
        ne(participants.userId, leavingUserId),
        isNull(users.deactivatedAt),
      ),
    )
    .orderBy(sql`case when ${participants.role} = 'admin' then 0 else 1 end`, asc(participants.joinedAt))
    .limit(1);
  return row?.userId ?? null;
}

/** Current members with their public profiles as `viewerId` may see them, oldest membership first. */
export async function listParticipantRows(db: Executor, conversationId: string, viewerId: string) {
  return db
    .select({
      role: participants.role,
      joinedAt: participants.joinedAt,
      user: publicUserColumnsFor(viewerId),
    })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(and(eq(participants.conversationId, conversationId), isNull(participants.leftAt)))
    .orderBy(asc(participants.joinedAt), asc(participants.userId));
}

/** A page of current members, oldest membership first (keyset on joined_at, user_id). */
export async function listParticipantPage(
  db: Executor,
  conversationId: string,
  viewerId: string,
  page: { limit: number; after?: { joinedAt: Date; userId: string } },
) {
  const where: SQL[] = [eq(participants.conversationId, conversationId), isNull(participants.leftAt)];
  if (page.after) {
    where.push(
      sql`(${participants.joinedAt}, ${participants.userId}) > (${page.after.joinedAt.toISOString()}::timestamptz, ${page.after.userId}::uuid)`,
    );
  }
  return db
    .select({
      role: participants.role,
      joinedAt: participants.joinedAt,
      user: publicUserColumnsFor(viewerId),
    })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(and(...where))
    .orderBy(asc(participants.joinedAt), asc(participants.userId))
    .limit(page.limit);
}

export type ParticipantRowWithUser = Awaited<ReturnType<typeof listParticipantRows>>[number];
