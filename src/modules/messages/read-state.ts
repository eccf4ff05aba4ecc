// Read state: each member's read and delivered markers (one "up to" seq of each), moved forward
// only. Receipts (who read a message) and statuses (the ticks on your own messages) are its public
// views. Moves take the conversation row lock so change ids commit in order within a conversation: a
// reconnecting client that stored change id N can never miss a change numbered below N. They go in
// batches with the moves around them (marker-batcher.ts), one round trip and one commit for many.
import type { AppContext } from '../../context.js';
import { NotFound } from '../../lib/errors.js';
import { requireVisibleMessage } from './access.js';
import { publishReceiptUpdated } from './events.js';
import { type MarkerMove, moveMarker } from './marker-batcher.js';
import { presentReceipt } from './present.js';
import { findWithheld } from './queries.js';
import { type ReadAnswer, selectPeriodsWithReadState, selectReadAnswer } from './read-state-queries.js';
import { audienceOf } from './status.js';

/** Moves a marker (batched, marker-batcher.ts) and announces the member's new state once per batch. */
async function moveAndAnnounce(ctx: AppContext, move: MarkerMove): Promise<boolean> {
  const outcome = await moveMarker(ctx, move);
  if (!outcome.found) throw new NotFound('Conversation not found');
  if (outcome.announce) {
    await publishReceiptUpdated(ctx, move.conversationId, move.userId, outcome.passed);
  }
  return outcome.moved;
}

/** Moves `userId`'s delivered marker to `seq` when that is forward; raises receipt.updated if it moved. */
export async function markDeliveredUpTo(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  currentSeq: number,
  seq: number,
): Promise<boolean> {
  if (seq <= currentSeq) return false;
  return moveAndAnnounce(ctx, { conversationId, userId, kind: 'delivered', seq });
}

/**
 * The WebSocket `ack` frame: everything up to this message has reached the user's device. Returns
 * whether the marker moved. 404 when the message is not one the user may see.
 */
export async function markDeliveredByAck(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<boolean> {
  const { participant, message } = await requireVisibleMessage(ctx.db, userId, conversationId, messageId);
  return markDeliveredUpTo(ctx, userId, conversationId, participant.deliveredSeq, message.seq);
}

/** POST /read: everything up to this message is read (and so delivered); never moves back. */
export async function markRead(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<ReadAnswer> {
  const { message } = await requireVisibleMessage(ctx.db, userId, conversationId, messageId);
  await moveAndAnnounce(ctx, { conversationId, userId, kind: 'read', seq: message.seq });
  return (
    (await selectReadAnswer(ctx.db, conversationId, userId)) ?? { unreadCount: 0, lastReadMessageId: null }
  );
}

/** Who has received and read a message: the other members whose membership covers it. */
export async function getReceipts(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
) {
  const { message } = await requireVisibleMessage(ctx.db, userId, conversationId, messageId);
  const periods = await selectPeriodsWithReadState(
    ctx.db,
    conversationId,
    message.senderId,
    message.seq,
    message.seq,
  );
  const audience = audienceOf(
    periods,
    message.seq,
    (await findWithheld(ctx.db, [message.id])).get(message.id),
  );
  return {
    deliveredTo: audience
      .filter((member) => member.deliveredSeq >= message.seq)
      .map((member) => presentReceipt(member.userId, member.deliveredAt)),
    readBy: audience
      .filter((member) => member.readSeq >= message.seq)
      .map((member) => presentReceipt(member.userId, member.readAt)),
  };
}
