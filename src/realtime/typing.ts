// Typing indicators: relayed to the conversation's other current members, never stored, never across a
// block in either direction (core/blocks.ts).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppContext } from '../context.js';
import { blockedEitherWaySql } from '../core/blocks.js';
import { publishEvent } from '../core/events.js';
import { currentMembershipIn } from '../core/membership.js';
import { conversations, participants } from '../db/schema.js';
import { NotFound } from '../lib/errors.js';

/** Clients hide the indicator by themselves after this long unless another typing event arrives. */
export const TYPING_EXPIRES_MS = 5000;
/** One relay per socket per conversation in this window; extra frames are dropped without an answer. */
export const TYPING_RELAY_INTERVAL_MS = 2000;

const other = alias(participants, 'other');

/**
 * 404 for a conversation the user is not in (a non-member cannot probe ids). The membership, the other
 * members and the blocks between them come from one named statement: a typing client sends a frame
 * every couple of seconds.
 */
export async function relayTyping(ctx: AppContext, userId: string, conversationId: string): Promise<void> {
  const members = await ctx.db
    .select({ userId: other.userId, apart: sql<boolean>`${blockedEitherWaySql(userId, other.userId)}` })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .innerJoin(other, and(eq(other.conversationId, participants.conversationId), isNull(other.leftAt)))
    .where(currentMembershipIn(conversationId, userId))
    .prepare('typing_audience')
    .execute();
  // The user is among the members of their own conversation: no row at all means they are not in it.
  if (members.length === 0) throw new NotFound('Conversation not found');
  const others = members.filter((member) => member.userId !== userId && !member.apart);
  if (others.length === 0) return;
  await publishEvent(
    ctx,
    others.map((member) => member.userId),
    { type: 'typing', data: { conversationId, userId, expiresInMs: TYPING_EXPIRES_MS } },
  );
}
