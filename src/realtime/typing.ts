// Typing indicators: relayed to the conversation's other current members, never stored, never across a
// block in either direction (core/blocks.ts).
import type { AppContext } from '../context.js';
import { blockedEitherWayAmong } from '../core/blocks.js';
import { publishEvent } from '../core/events.js';
import { activeMemberIds, requireMember } from '../core/membership.js';

/** Clients hide the indicator by themselves after this long unless another typing event arrives. */
export const TYPING_EXPIRES_MS = 5000;
/** One relay per socket per conversation in this window; extra frames are dropped without an answer. */
export const TYPING_RELAY_INTERVAL_MS = 2000;

/** 404 for a conversation the user is not in (a non-member cannot probe ids). */
export async function relayTyping(ctx: AppContext, userId: string, conversationId: string): Promise<void> {
  await requireMember(ctx.db, conversationId, userId);
  const members = (await activeMemberIds(ctx.db, conversationId)).filter((id) => id !== userId);
  const apart = await blockedEitherWayAmong(ctx.db, userId, members);
  const others = members.filter((id) => !apart.has(id));
  if (others.length === 0) return;
  await publishEvent(ctx, others, {
    type: 'typing',
    data: { conversationId, userId, expiresInMs: TYPING_EXPIRES_MS },
  });
}
