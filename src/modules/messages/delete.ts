// Deleting messages: for everyone (a tombstone, content erased) or for me (hidden from my views only).
import type { AppContext } from '../../context.js';
import { releaseAttachments } from '../../core/attachments.js';
import { refreshInboxRows } from '../../core/inbox-rows.js';
import { lockConversation, requireMember } from '../../core/membership.js';
import { canDeleteForEveryone, enforce } from '../../core/policies.js';
import { NotFound } from '../../lib/errors.js';
import { publishMessageDeleted } from './events.js';
import { recordOutboxEvent } from './outbox-queries.js';
import { eraseMessage, findVisibleMessage, hideMessage, isHiddenFor } from './queries.js';
import { deleteReactionsOf } from './reaction-queries.js';

export type DeleteScope = 'everyone' | 'me';

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
      await refreshInboxRows(tx, conversationId, userId);
    });
    await publishMessageDeleted(ctx, row, userId, 'me');
    return { messageId, scope };
  }

  if (!row) throw new NotFound('Message not found');
  if (row.deletedAt !== null) return { messageId, scope };
  enforce(
    canDeleteForEveryone({
      conversation,
      actor: participant,
      message: row,
      windowMs: ctx.config.messageDeleteWindowMs,
      now: new Date(),
    }),
  );
  // Under the conversation lock, like every change id, so change ids commit in order (see read-state.ts).
  const erased = await ctx.db.transaction(async (tx) => {
    await lockConversation(tx, conversationId);
    const tombstone = await eraseMessage(tx, messageId, userId);
    // A tombstone is no longer unread for anyone (it stays the last message where it was), and keeps
    // no reactions. Its event is owed through the outbox, like a send's: a crash after the commit must
    // not leave it on screens.
    if (tombstone) {
      await refreshInboxRows(tx, conversationId);
      await deleteReactionsOf(tx, messageId);
      await recordOutboxEvent(tx, messageId, 'message.deleted');
    }
    return tombstone;
  });
  if (erased) {
    await publishMessageDeleted(ctx, erased.row, userId, 'everyone');
    // After the commit: attachments no other message shares (no forward) lose their bytes now.
    await releaseAttachments(ctx.db, ctx.storage, erased.releasedAttachmentIds, (error) =>
      ctx.log.warn({ err: error }, 'could not delete an attachment file'),
    ).catch((error) =>
      ctx.log.error({ err: error }, 'could not release the attachments of a deleted message'),
    );
  }
  return { messageId, scope };
}
