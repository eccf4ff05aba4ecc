// SQL the real-time layer needs: a user's contacts for presence, last-seen stamps, an acked message's conversation.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import { conversations, messages, participants, users } from '../db/schema.js';

/** People who share at least one live conversation with the user: the audience of their presence. */
export async function contactIds(db: Executor, userId: string): Promise<string[]> {
  const mine = alias(participants, 'mine');
  const rows = await db
    .selectDistinct({ userId: participants.userId })
    .from(mine)
    .innerJoin(conversations, eq(conversations.id, mine.conversationId))
    .innerJoin(participants, eq(participants.conversationId, mine.conversationId))
    .where(
      and(
        eq(mine.userId, userId),
        isNull(mine.leftAt),
        isNull(conversations.deletedAt),
        isNull(participants.leftAt),
        ne(participants.userId, userId),
      ),
    );
  return rows.map((row) => row.userId);
}

/** Stamps the moment the user's last socket closed and returns it. */
export async function stampLastSeen(db: Executor, userId: string): Promise<Date> {
  const [row] = await db
    .update(users)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ lastSeenAt: users.lastSeenAt });
  return row?.lastSeenAt ?? new Date();
}

/** The conversation a message belongs to (visibility is checked by the caller's service). */
export async function conversationOfMessage(db: Executor, messageId: string): Promise<string | null> {
  const [row] = await db
    .select({ conversationId: messages.conversationId })
    .from(messages)
    .where(eq(messages.id, messageId))
    .limit(1);
  return row?.conversationId ?? null;
}
