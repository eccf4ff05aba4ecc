// SQL for reactions: one row per member and message, written under the conversation lock, and read
// aggregated (emoji, count, whether the viewer is among them) for a whole page in one query.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { messageReactions } from '../../db/schema.js';

export interface ReactionSummary {
  emoji: string;
  count: number;
  /** Whether the viewer is among those who reacted with it. */
  me: boolean;
}

/** Sets the member's reaction (replacing another emoji). False when it already was this one. */
export async function upsertReaction(
  tx: Tx,
  messageId: string,
  userId: string,
  emoji: string,
): Promise<boolean> {
  const rows = await tx
    .insert(messageReactions)
    .values({ messageId, userId, emoji })
    .onConflictDoUpdate({
      target: [messageReactions.messageId, messageReactions.userId],
      set: { emoji, createdAt: sql`now()` },
      setWhere: sql`${messageReactions.emoji} <> excluded.emoji`,
    })
    .returning({ emoji: messageReactions.emoji });
  return rows.length > 0;
}

/** Removes the member's reaction; false when there was none. */
export async function deleteReaction(tx: Tx, messageId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .delete(messageReactions)
    .where(and(eq(messageReactions.messageId, messageId), eq(messageReactions.userId, userId)))
    .returning({ emoji: messageReactions.emoji });
  return rows.length > 0;
}

/** A message deleted for everyone keeps no reactions. */
export async function deleteReactionsOf(tx: Tx, messageId: string): Promise<void> {
  await tx.delete(messageReactions).where(eq(messageReactions.messageId, messageId));
}

/**
 * The reactions of these messages as `viewerId` sees them, most used first (then the earliest), in one
 * grouped query over the primary key, whatever the page size.
 */
export async function selectReactionSummaries(
  db: Executor,
  viewerId: string,
  messageIds: string[],
): Promise<Map<string, ReactionSummary[]>> {
  const byMessage = new Map<string, ReactionSummary[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select({
      messageId: messageReactions.messageId,
      emoji: messageReactions.emoji,
      count: sql<number>`count(*)`.mapWith(Number),
      me: sql<boolean>`bool_or(${messageReactions.userId} = ${viewerId})`,
    })
    .from(messageReactions)
    .where(inArray(messageReactions.messageId, messageIds))
    .groupBy(messageReactions.messageId, messageReactions.emoji)
    .orderBy(
      messageReactions.messageId,
      sql`count(*) desc`,
      sql`min(${messageReactions.createdAt})`,
      messageReactions.emoji,
    );
  for (const row of rows) {
    const list = byMessage.get(row.messageId) ?? [];
    list.push({ emoji: row.emoji, count: row.count, me: row.me });
    byMessage.set(row.messageId, list);
  }
  return byMessage;
}

export interface Reaction {
  userId: string;
  emoji: string;
  createdAt: Date;
}

/** Every reaction of one message: a real-time event presents them for each recipient from these. */
export async function selectReactions(db: Executor, messageId: string): Promise<Reaction[]> {
  return db
    .select({
      userId: messageReactions.userId,
      emoji: messageReactions.emoji,
      createdAt: messageReactions.createdAt,
    })
    .from(messageReactions)
    .where(eq(messageReactions.messageId, messageId));
}

/** The same summary as selectReactionSummaries, in memory, for one viewer. */
export function summarizeReactions(reactions: Reaction[], viewerId: string): ReactionSummary[] {
  const byEmoji = new Map<string, ReactionSummary & { first: number }>();
  for (const reaction of reactions) {
    const entry = byEmoji.get(reaction.emoji) ?? {
      emoji: reaction.emoji,
      count: 0,
      me: false,
      first: Number.POSITIVE_INFINITY,
    };
    entry.count += 1;
    entry.me ||= reaction.userId === viewerId;
    entry.first = Math.min(entry.first, reaction.createdAt.getTime());
    byEmoji.set(reaction.emoji, entry);
  }
  return [...byEmoji.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first || (a.emoji < b.emoji ? -1 : 1))
    .map(({ emoji, count, me }) => ({ emoji, count, me }));
}
