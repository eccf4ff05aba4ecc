// Sending and forwarding: each new message takes the next seq under the conversation's row lock, in
// the same transaction that inserts it and moves the sender's own markers.
import type { AppContext } from '../../context.js';
import { findDirectChatBlock } from '../../core/blocks.js';
import { requireMember, requireMemberOfAll } from '../../core/membership.js';
import type { Tx } from '../../db/client.js';
import { Blocked, NotFound, ValidationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { requireVisibleMessage } from './access.js';
import { publishMessageCreated } from './events.js';
import { isOwed } from './outbox-queries.js';
import type { PresentedMessage } from './present.js';
import {
  allocateSeq,
  claimAttachments,
  copyMessageAttachments,
  findByClientMessageId,
  findVisibleMessage,
  insertMessageAndMoveMarkers,
  insertMessageAttachments,
  type MessageRow,
  type NewMessage,
  withholdMessage,
} from './queries.js';
import { presentForViewer, presentJustSent } from './views.js';

export const MAX_CONTENT_LENGTH = 4096;
export const MAX_FORWARD_TARGETS = 5;

type MessageFields = Pick<
  NewMessage,
  'content' | 'clientMessageId' | 'replyToId' | 'forwardedCount' | 'originalSentAt' | 'attachmentCount'
>;

/** Where a new message's attachments come from: the sender's own uploads, or a forwarded message. */
type AttachmentSource = { uploads: string[] } | { forwardedFrom: string } | null;

/**
 * Appends a message: seq bump (locks the conversation row), then one statement that moves the sender's
 * read/delivered markers and every member's inbox row and inserts the message (the sender's row is the
 * membership check, made after the lock: a removal cannot slip in between). A reply target is checked
 * against what the sender may see, after the lock too. Any failure rolls it all back, seq included.
 *
 * Direct chats and blocks (core/blocks.ts): someone who blocked the other person cannot send (403
 * BLOCKED); a message to someone who blocked the sender is written but withheld from them in the same
 * transaction (hidden for them, their inbox row and the chat's activity untouched), so no read path
 * and no event ever reaches them, not even after an unblock. Groups are not affected, as in WhatsApp.
 */
async function appendMessage(
  tx: Tx,
  conversationId: string,
  senderId: string,
  fields: MessageFields,
  attachmentSource: AttachmentSource = null,
): Promise<{ row: MessageRow; replyTarget: MessageRow | null }> {
  const block = await findDirectChatBlock(tx, conversationId, senderId);
  if (block?.userBlockedPeer) throw new Blocked('You blocked this person: unblock them to send messages');
  const withheldFrom = block?.peerBlockedUser ? block.peerId : null;
  const seq = await allocateSeq(tx, conversationId, { touchActivity: withheldFrom === null });
  if (seq === null) throw new NotFound('Conversation not found');
  if (attachmentSource && 'uploads' in attachmentSource) {
    const wanted = attachmentSource.uploads;
    if ((await claimAttachments(tx, conversationId, senderId, wanted)) !== wanted.length) {
      // A non-member learns nothing about the conversation; a member learns only that an id is not theirs.
      await requireMember(tx, conversationId, senderId);
      throw new NotFound('Attachment not found: use your own uploads to this conversation, once each');
    }
  }
  let replyTarget: MessageRow | null = null;
  if (fields.replyToId) {
    replyTarget = await findVisibleMessage(tx, senderId, conversationId, fields.replyToId);
    if (!replyTarget) {
      // Someone who is not a member learns nothing about the conversation, not even that it exists.
      await requireMember(tx, conversationId, senderId);
      const message = 'must be a message of this conversation that you can see';
      throw new ValidationFailed(`replyToId ${message}`, [{ field: 'replyToId', message }]);
    }
  }
  const row = await insertMessageAndMoveMarkers(
    tx,
    { id: uuidv7(), conversationId, seq, senderId, ...fields },
    withheldFrom,
  );
  if (!row) throw new NotFound('Conversation not found');
  if (attachmentSource && 'uploads' in attachmentSource) {
    await insertMessageAttachments(tx, row.id, attachmentSource.uploads);
  } else if (attachmentSource) {
    await copyMessageAttachments(tx, attachmentSource.forwardedFrom, row.id);
  }
  if (withheldFrom) await withholdMessage(tx, withheldFrom, row.id);
  return { row, replyTarget };
}

/** Trimmed content, 1 to 4096 characters (code points, so an emoji counts once). */
export function normalizeContent(content: string): string {
  const trimmed = content.trim();
  const length = Array.from(trimmed).length;
  if (length === 0 || length > MAX_CONTENT_LENGTH) {
    const message = `must be 1 to ${MAX_CONTENT_LENGTH} characters after trimming`;
    throw new ValidationFailed(`content ${message}`, [{ field: 'content', message }]);
  }
  return trimmed;
}

export interface SendInput {
  /** Required without attachments; with them, an optional caption. */
  content?: string;
  attachmentIds?: string[];
  clientMessageId?: string;
  replyToId?: string;
}

/** The text of a message with attachments: a caption, or none when it is missing or blank. */
function captionOf(content: string | undefined): string | null {
  return content === undefined || content.trim() === '' ? null : normalizeContent(content);
}

export interface SendResult {
  message: PresentedMessage;
  /** False when clientMessageId matched an earlier message: that one is returned, nothing is written. */
  created: boolean;
}

export async function sendMessage(
  ctx: AppContext,
  senderId: string,
  conversationId: string,
  input: SendInput,
): Promise<SendResult> {
  // Ids are matched case-insensitively by the database but by string here: one spelling each.
  const attachmentIds = input.attachmentIds?.map((id) => id.toLowerCase()) ?? [];
  if (new Set(attachmentIds).size !== attachmentIds.length) {
    const message = 'must not name an attachment twice';
    throw new ValidationFailed(`attachmentIds ${message}`, [{ field: 'attachmentIds', message }]);
  }
  const content = attachmentIds.length > 0 ? captionOf(input.content) : normalizeContent(input.content ?? '');
  const clientMessageId = input.clientMessageId ?? null;
  // An earlier copy is answered only to a current member (the write path checks membership itself). The
  // first attempt may have died between its commit and its event (the retry is the sign): if the outbox
  // still owes message.created, it goes out now rather than after the relay's delay.
  const answerEarlier = async (row: MessageRow): Promise<SendResult> => {
    await requireMember(ctx.db, conversationId, senderId);
    if (await isOwed(ctx.db, row.id, 'message.created')) await publishMessageCreated(ctx, row);
    return { message: (await presentForViewer(ctx, senderId, conversationId, [row]))[0]!, created: false };
  };

  if (clientMessageId !== null) {
    const earlier = await findByClientMessageId(ctx.db, conversationId, senderId, clientMessageId);
    if (earlier) return answerEarlier(earlier);
  }

  let written: { row: MessageRow; replyTarget: MessageRow | null };
  try {
    written = await ctx.db.transaction((tx) =>
      appendMessage(
        tx,
        conversationId,
        senderId,
        {
          content,
          clientMessageId,
          replyToId: input.replyToId ?? null,
          attachmentCount: attachmentIds.length,
        },
        attachmentIds.length > 0 ? { uploads: attachmentIds } : null,
      ),
    );
  } catch (error) {
    // A concurrent retry won the unique index: the whole transaction (seq bump included) rolled back,
    // so there is no gap; answer with the winner's message.
    if (clientMessageId !== null && isUniqueViolation(error)) {
      const winner = await findByClientMessageId(ctx.db, conversationId, senderId, clientMessageId);
      if (winner) return answerEarlier(winner);
    }
    throw error;
  }
  await publishMessageCreated(ctx, written.row);
  return { message: await presentJustSent(ctx, written.row, written.replyTarget), created: true };
}

/**
 * Forwards a message to 1 to 5 conversations: every check first (the caller sees the source, it is not
 * a tombstone, they belong to each target), then all copies in one transaction.
 */
export async function forwardMessage(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
  requestedTargetIds: string[],
): Promise<PresentedMessage[]> {
  // Ids are matched case-insensitively by the database but by string below: one spelling each, once.
  const targetIds = [...new Set(requestedTargetIds.map((id) => id.toLowerCase()))];
  const { message: source } = await requireVisibleMessage(ctx.db, userId, conversationId, messageId);
  if (source.deletedAt !== null) throw new ValidationFailed('A deleted message cannot be forwarded');
  // Every target in one query, not one per conversation.
  await requireMemberOfAll(ctx.db, targetIds, userId);
  const fields: MessageFields = {
    content: source.content,
    clientMessageId: null,
    replyToId: null,
    forwardedCount: source.forwardedCount + 1,
    originalSentAt: source.originalSentAt ?? source.createdAt,
    attachmentCount: source.attachmentCount,
  };
  const attachments: AttachmentSource = source.attachmentCount > 0 ? { forwardedFrom: source.id } : null;
  // Conversation rows are locked in id order, so two forwards to overlapping targets cannot deadlock.
  const lockOrder = [...targetIds].sort();
  const rows = await ctx.db.transaction(async (tx) => {
    const written: MessageRow[] = [];
    for (const targetId of lockOrder)
      written.push((await appendMessage(tx, targetId, userId, fields, attachments)).row);
    return written;
  });
  for (const row of rows) await publishMessageCreated(ctx, row);
  const byConversation = new Map(rows.map((row) => [row.conversationId, row]));
  const presented: PresentedMessage[] = [];
  for (const targetId of targetIds) {
    const row = byConversation.get(targetId)!;
    presented.push((await presentForViewer(ctx, userId, targetId, [row]))[0]!);
  }
  return presented;
}
