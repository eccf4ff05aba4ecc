// Deleting messages: for everyone (a tombstone, content erased) or for me (hidden from my views only).
import type { AppContext } from '../../context.js';
import { Forbidden, NotFound } from '../../lib/errors.js';
import { lockConversation, requireMember } from '../conversations/membership.js';
import { publishMessageDeleted } from './events.js';
import { eraseMessage, findVisibleMessage, hideMessage, isHiddenFor } from './queries.js';

export type DeleteScope = 'everyone' | 'me';

function describeWindow(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 1 && Number.isInteger(hours)) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const minutes = ms / 60_000;
  if (minutes >= 1 && Number.isInteger(minutes)) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${Math.ceil(ms / 1000)} seconds`;
}

/** Deleting twice is harmless: the second call finds the tombstone (or the hide) and succeeds. */
export async function deleteMessage(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
  scope: DeleteScope,
): Promise<{ messageId: string; scope: DeleteScope }> {
  const { conversation, participant } = await requireMember(ctx.db, conversationId, userId);
  const row = await findVisibleMessage(ctx.db, userId, conversationId, messageId);

  if (scope === 'me') {
    if (!row) {
      if (await isHiddenFor(ctx.db, userId, messageId)) return { messageId, scope };
      throw new NotFound('Message not found');
    }
    await ctx.db.transaction(async (tx) => {
      await lockConversation(tx, conversationId);
      await hideMessage(tx, conversationId, userId, messageId);
    });
    await publishMessageDeleted(ctx, row, userId, 'me');
    return { messageId, scope };
  }

  if (!row) throw new NotFound('Message not found');
  if (row.deletedAt !== null) return { messageId, scope };
  const isGroupAdmin =
    conversation.type === 'group' && (participant.role === 'admin' || participant.role === 'owner');
  if (!isGroupAdmin) {
    if (row.senderId !== userId) {
      throw new Forbidden('Only its sender or a group admin can delete this message for everyone');
    }
    if (Date.now() - row.createdAt.getTime() > ctx.config.messageDeleteWindowMs) {
      throw new Forbidden(
        `Messages can be deleted for everyone only within ${describeWindow(ctx.config.messageDeleteWindowMs)} of sending`,
      );
    }
  }
  // Under the conversation lock, like every change id, so change ids commit in order (see markers.ts).
  const erased = await ctx.db.transaction(async (tx) => {
    await lockConversation(tx, conversationId);
    return eraseMessage(tx, messageId, userId);
  });
  if (erased) await publishMessageDeleted(ctx, erased, userId, 'everyone');
  return { messageId, scope };
}
