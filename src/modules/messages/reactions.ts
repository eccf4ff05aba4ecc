// Reactions: one emoji per member per message, set (replacing the old one) or removed by its member.
// Only a message the member may see takes one; every change reaches the message's audience as
// message.updated and moves the message's change id, so /changes returns it again.
import type { AppContext } from '../../context.js';
import { lockConversation } from '../../core/membership.js';
import type { Executor, Tx } from '../../db/client.js';
import { normalizeEmoji } from '../../lib/emoji.js';
import { NotFound, ValidationFailed } from '../../lib/errors.js';
import { requireVisibleMessage } from './access.js';
import { publishMessageUpdated } from './events.js';
import { recordOutboxEvent } from './outbox-queries.js';
import type { PresentedMessage } from './present.js';
import { type MessageRow, stampMessageChange } from './queries.js';
import { deleteReaction, upsertReaction } from './reaction-queries.js';
import { presentForViewer } from './views.js';

/** The message, if the caller may see it and it was not deleted for everyone (a tombstone takes none). */
async function requireReactable(
  db: Executor,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<MessageRow> {
  const { message } = await requireVisibleMessage(db, userId, conversationId, messageId);
  if (message.deletedAt !== null) throw new NotFound('Message not found');
  return message;
}

/** Runs `write` under the conversation lock once the message is checked again; publishes what changed. */
async function changeReaction(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
  write: (tx: Tx) => Promise<boolean>,
): Promise<PresentedMessage> {
  await requireReactable(ctx.db, userId, conversationId, messageId);
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    await lockConversation(tx, conversationId);
    const message = await requireReactable(tx, userId, conversationId, messageId);
    if (!(await write(tx))) return { row: message, changed: false };
    await recordOutboxEvent(tx, messageId, 'message.updated');
    return { row: await stampMessageChange(tx, messageId), changed: true };
  });
  if (changed) await publishMessageUpdated(ctx, row);
  return (await presentForViewer(ctx, userId, conversationId, [row]))[0]!;
}

export async function setReaction(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
  input: string,
): Promise<PresentedMessage> {
  const emoji = normalizeEmoji(input);
  if (emoji === null) {
    const message = 'must be exactly one emoji';
    throw new ValidationFailed(`emoji ${message}`, [{ field: 'emoji', message }]);
  }
  return changeReaction(ctx, userId, conversationId, messageId, (tx) =>
    upsertReaction(tx, messageId, userId, emoji),
  );
}

/** Removing a reaction that is not there is harmless. */
export async function removeReaction(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<PresentedMessage> {
  return changeReaction(ctx, userId, conversationId, messageId, (tx) =>
    deleteReaction(tx, messageId, userId),
  );
}
