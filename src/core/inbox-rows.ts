// The members' inbox rows (participants.unread_count, last_visible_seq and activity_at), kept up to date on
// write so the inbox reads them instead of counting and sorts by an index instead of by the conversations.
// Sending bumps them in the statement that moves the sender's markers; joining copies the activity; every
// other write that changes what a member sees or has read recomputes the member's row from the one unread
// and visibility rule. All of them run under the conversation lock, which orders these writes against
// sends.
import { and, desc, eq, isNull, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.js';
import { conversations, messages, participants } from '../db/schema.js';
import { unreadBy, visibleTo } from './visibility.js';

/**
 * The conversation's last activity as the inbox sorts it (its last message's time, else its creation),
 * read from its row: what every member's activity_at holds. One lookup per statement, not per member.
 */
export function conversationActivitySql(conversationId: string | SQLWrapper): SQL {
  return sql`(select coalesce(${conversations.lastMessageAt}, ${conversations.createdAt}) from ${conversations} where ${conversations.id} = ${conversationId})`;
}

const counted = alias(messages, 'ir');

/**
 * Recomputes the inbox rows of the conversation's current members: one member (`userId`), or all of them.
 * Call under the conversation lock (lockConversation), before or after the change in the same transaction.
 */
export async function refreshInboxRows(tx: Tx, conversationId: string, userId?: string): Promise<void> {
  const member = participants.userId;
  const m = counted as unknown as typeof messages;
  const ofThisConversation = eq(counted.conversationId, participants.conversationId);
  const unread = tx
    .select({ n: sql<number>`count(*)` })
    .from(counted)
    .where(and(ofThisConversation, unreadBy(member, participants.readSeq, m)));
  const lastVisible = tx
    .select({ seq: counted.seq })
    .from(counted)
    .where(and(ofThisConversation, visibleTo(member, m)))
    .orderBy(desc(counted.seq))
    .limit(1);
  await tx
    .update(participants)
    .set({
      unreadCount: sql`(${unread})`,
      lastVisibleSeq: sql`(${lastVisible})`,
      activityAt: conversationActivitySql(conversationId),
    })
    .where(
      and(
        eq(participants.conversationId, conversationId),
        userId ? eq(participants.userId, userId) : undefined,
        isNull(participants.leftAt),
      ),
    );
}
