// Membership: who is in a conversation now, and the periods that decide which messages they may see.
// Every membership change runs under the conversation row's lock, the same lock that hands out message
// sequence numbers, so a period boundary falls exactly between two messages.
import {
  and,
  type Column,
  eq,
  inArray,
  isNull,
  type Placeholder,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.js';
import { conversations, invites, membershipPeriods, participants } from '../db/schema.js';
import { NotFound } from '../lib/errors.js';
import { nextChangeId } from './change-ids.js';
import { conversationActivitySql, refreshInboxRows } from './inbox-rows.js';
import { canManageGroup, enforce, isManageable, type Role } from './policies.js';

export type { Role } from './policies.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type ParticipantRow = typeof participants.$inferSelect;

/**
 * The conversations `userId` is in now, as conditions on `participants` (or an alias of it, `member`)
 * joined with `conversations`: their membership not left, the conversation not deleted.
 */
export function currentMembershipsOf(
  userId: string | Placeholder,
  member: { userId: Column; leftAt: Column } = participants,
): SQL[] {
  return [eq(member.userId, userId), isNull(member.leftAt), isNull(conversations.deletedAt)];
}

/** `userId`'s membership of this conversation, not left, on `participants` joined with a live `conversations`. */
export function currentMembershipIn(conversationId: string | SQLWrapper, userId: string | SQLWrapper): SQL {
  return and(
    eq(participants.conversationId, conversationId),
    eq(participants.userId, userId),
    isNull(participants.leftAt),
    isNull(conversations.deletedAt),
  )!;
}

/**
 * The caller's current membership, or 404: a non-member cannot tell a conversation that exists from
 * one that does not.
 */
export async function requireMember(
  db: Executor,
  conversationId: string,
  userId: string,
): Promise<{ conversation: ConversationRow; participant: ParticipantRow }> {
  const [row] = await db
    .select({ conversation: conversations, participant: participants })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .where(currentMembershipIn(conversationId, userId))
    .limit(1);
  if (!row) throw new NotFound('Conversation not found');
  return row;
}

/** A user's membership row, current or ended (leftAt set), or null when they never were a member. */
export async function findParticipant(
  db: Executor,
  conversationId: string,
  userId: string,
): Promise<ParticipantRow | null> {
  const [row] = await db
    .select()
    .from(participants)
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** The current membership row of a user, or null (left, removed or never a member). */
export async function findActiveParticipant(
  db: Executor,
  conversationId: string,
  userId: string,
): Promise<ParticipantRow | null> {
  const row = await findParticipant(db, conversationId, userId);
  return row?.leftAt === null ? row : null;
}

/**
 * The caller's membership of every one of `conversationIds`, checked in one query (forwarding touches
 * several conversations). The first one they are not in answers 404 naming it.
 */
export async function requireMemberOfAll(
  db: Executor,
  conversationIds: string[],
  userId: string,
): Promise<void> {
  if (conversationIds.length === 0) return;
  const rows = await db
    .select({ conversationId: participants.conversationId })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .where(and(inArray(participants.conversationId, conversationIds), ...currentMembershipsOf(userId)));
  const found = new Set(rows.map((row) => row.conversationId));
  const missing = conversationIds.find((id) => !found.has(id));
  if (missing) throw new NotFound(`Conversation ${missing} not found`);
}

/**
 * A member allowed to manage a group (its owner or an admin). Direct chats have nothing to manage and
 * plain members lack the role: both 403. Non-members get 404 like everywhere else.
 */
export async function requireGroupAdmin(
  db: Executor,
  conversationId: string,
  userId: string,
  action: string,
): Promise<{ conversation: ConversationRow; participant: ParticipantRow }> {
  const membership = await requireMember(db, conversationId, userId);
  assertGroupAdmin(membership.conversation, membership.participant, action);
  return membership;
}

/** The same rule for a membership already loaded (e.g. under the conversation lock). */
export function assertGroupAdmin(conversation: ConversationRow, participant: ParticipantRow, action: string) {
  enforce(canManageGroup(conversation, participant, action));
}

/** Direct chats always have their two people and nothing to manage. */
export function assertGroup(conversation: ConversationRow, action: string) {
  enforce(isManageable(conversation, action));
}

/** Locks the conversation row for the rest of the transaction (sequence numbers and membership). */
export async function lockConversation(tx: Tx, conversationId: string): Promise<ConversationRow> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), isNull(conversations.deletedAt)))
    .for('update')
    .limit(1);
  if (!row) throw new NotFound('Conversation not found');
  return row;
}

/**
 * Adds (or re-adds) a member: their history starts after the conversation's current last message.
 * Call with the conversation locked. Returns false when they already are a member.
 */
export async function startMembership(
  tx: Tx,
  conversation: ConversationRow,
  userId: string,
  role: Role = 'member',
  now = new Date(),
): Promise<boolean> {
  const existing = await findParticipant(tx, conversation.id, userId);
  if (existing && existing.leftAt === null) return false;
  let stamp: { changeId: number } | undefined;
  if (existing) {
    [stamp] = await tx
      .update(participants)
      .set({
        role,
        joinedAt: now,
        leftAt: null,
        hiddenAtSeq: null,
        markerChangeId: nextChangeId(),
      })
      .where(and(eq(participants.conversationId, conversation.id), eq(participants.userId, userId)))
      .returning({ changeId: participants.markerChangeId });
  } else {
    // A new row's marker change id is a fresh one too (the column's default).
    [stamp] = await tx
      .insert(participants)
      .values({
        conversationId: conversation.id,
        userId,
        role,
        joinedAt: now,
        // Nothing before the join is theirs to read, so nothing before it counts as unread either.
        readSeq: conversation.lastSeq,
        deliveredSeq: conversation.lastSeq,
        activityAt: conversationActivitySql(conversation.id),
      })
      .returning({ changeId: participants.markerChangeId });
  }
  // One more current member, and the conversation's sync cursor up to the new marker change.
  await tx
    .update(conversations)
    .set({
      participantCount: sql`${conversations.participantCount} + 1`,
      lastChangeId: sql`greatest(${conversations.lastChangeId}, ${stamp!.changeId})`,
    })
    .where(eq(conversations.id, conversation.id));
  // Re-joining leaves the read and delivered markers where they were: messages of an earlier period
  // that they may still read and never read stay unread (and not "read" on their senders' ticks); the
  // messages from while they were away are not theirs to see, so the visibility rule leaves them out.
  // Leaving and coming back with no message in between ends a period (s, s] that holds nothing and
  // would collide with the new one's key: reopen it instead.
  await tx
    .insert(membershipPeriods)
    .values({ conversationId: conversation.id, userId, afterSeq: conversation.lastSeq, joinedAt: now })
    .onConflictDoUpdate({
      target: [membershipPeriods.conversationId, membershipPeriods.userId, membershipPeriods.afterSeq],
      set: { untilSeq: null, leftAt: null, joinedAt: now },
    });
  // A returning member's row shows what they may still see from before (and the chat's activity now); a
  // new one's starts empty.
  if (existing) await refreshInboxRows(tx, conversation.id, userId);
  return true;
}

/**
 * Removing a member ends the invite links they created: someone shown the door cannot keep letting
 * others in (their own way back is closed by canJoinByLink).
 */
export async function revokeLinksCreatedBy(
  tx: Tx,
  conversationId: string,
  userId: string,
  now = new Date(),
): Promise<void> {
  await tx
    .update(invites)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invites.conversationId, conversationId),
        eq(invites.createdBy, userId),
        isNull(invites.revokedAt),
      ),
    );
}

/**
 * Ends a membership (leave or removal): they keep seeing what was sent up to now, nothing after.
 * Call with the conversation locked. Returns false when they were not a member.
 */
export async function endMembership(
  tx: Tx,
  conversation: ConversationRow,
  userId: string,
  now = new Date(),
): Promise<boolean> {
  const updated = await tx
    .update(participants)
    .set({ leftAt: now })
    .where(
      and(
        eq(participants.conversationId, conversation.id),
        eq(participants.userId, userId),
        isNull(participants.leftAt),
      ),
    )
    .returning({ userId: participants.userId });
  if (updated.length === 0) return false;
  await tx
    .update(conversations)
    .set({ participantCount: sql`${conversations.participantCount} - 1` })
    .where(eq(conversations.id, conversation.id));
  await tx
    .update(membershipPeriods)
    .set({ untilSeq: conversation.lastSeq, leftAt: now })
    .where(
      and(
        eq(membershipPeriods.conversationId, conversation.id),
        eq(membershipPeriods.userId, userId),
        isNull(membershipPeriods.untilSeq),
      ),
    );
  return true;
}

/** Ids of the current members. */
export async function activeMemberIds(db: Executor, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: participants.userId })
    .from(participants)
    .where(and(eq(participants.conversationId, conversationId), isNull(participants.leftAt)));
  return rows.map((row) => row.userId);
}
