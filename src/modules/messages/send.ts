// Sending and forwarding: each new message takes the next seq under the conversation's row lock, in
// the same transaction that inserts it and moves the members' rows. Text sends go in batches with the sends
// around them (send-batcher.ts: one transaction and one statement for many); a message with attachments,
// a forward, and any send whose batch failed as a whole are written on their own (appendMessage).
import type { AppContext } from '../../context.js';
import { findDirectChatBlock } from '../../core/blocks.js';
import { requireMember, requireMemberOfAll } from '../../core/membership.js';
import type { Tx } from '../../db/client.js';
import { Blocked, NotFound, ValidationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { requireVisibleMessage } from './access.js';
import { publishMessageCreated } from './events.js';
import { findMessage, isOwed } from './outbox-queries.js';
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
import { sendBatcherOf } from './send-batcher.js';
import { presentForViewer, presentJustSent } from './views.js';

export const MAX_CONTENT_LENGTH = 4096;
export const MAX_FORWARD_TARGETS = 5;

type MessageFields = Pick<
  NewMessage,
  'content' | 'clientMessageId' | 'replyToId' | 'forwardedCount' | 'originalSentAt' | 'attachmentCount'
>;

/** Where a new message's attachments come from: the sender's own uploads, or a forwarded message. */
type AttachmentSource = { uploads: string[] } | { forwardedFrom: string } | null;

interface Appended {
  row: MessageRow;
  replyTarget: MessageRow | null;
  /** Who may see it, read under the conversation lock by the insert itself: publishing needs no query. */
  audience: string[];
}

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
): Promise<Appended> {
  const block = await findDirectChatBlock(tx, conversationId, senderId);
  if (block?.userBlockedPeer) throw blockedSender();
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
      throw badReplyTarget();
    }
  }
  const inserted = await insertMessageAndMoveMarkers(
    tx,
    { id: uuidv7(), conversationId, seq, senderId, ...fields },
    withheldFrom,
  );
  if (!inserted) throw new NotFound('Conversation not found');
  const { row, audience } = inserted;
  if (attachmentSource && 'uploads' in attachmentSource) {
    await insertMessageAttachments(tx, row.id, attachmentSource.uploads);
  } else if (attachmentSource) {
    await copyMessageAttachments(tx, attachmentSource.forwardedFrom, row.id);
  }
  if (withheldFrom) await withholdMessage(tx, withheldFrom, row.id);
  return { row, replyTarget, audience };
}

const blockedSender = () => new Blocked('You blocked this person: unblock them to send messages');

const badReplyTarget = () => {
  const message = 'must be a message of this conversation that you can see';
  return new ValidationFailed(`replyToId ${message}`, [{ field: 'replyToId', message }]);
};

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

/**
 * Sends a message. Answered only after the commit: 201 with the message, or 200 with the first one when
 * this clientMessageId was already used here by the sender (nothing more is written).
 */
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
  const clientMessageId = input.clientMessageId ?? null;
  const replyToId = input.replyToId ?? null;
  if (attachmentIds.length > 0) {
    const fields = { content: captionOf(input.content), clientMessageId, replyToId };
    const uploads = { uploads: attachmentIds };
    return sendAlone(
      ctx,
      senderId,
      conversationId,
      { ...fields, attachmentCount: attachmentIds.length },
      uploads,
    );
  }
  // Text (a reply or not): batched with the sends around it (send-batcher.ts).
  const content = normalizeContent(input.content ?? '');
  const outcome = await sendBatcherOf(ctx).submit({
    id: uuidv7(),
    conversationId,
    senderId,
    content,
    clientMessageId,
    replyToId,
  });
  if (outcome.kind === 'alone') {
    const fields = { content, clientMessageId, replyToId, attachmentCount: 0 };
    return sendAlone(ctx, senderId, conversationId, fields, null);
  }
  const { result } = outcome;
  switch (result.outcome) {
    case 'sent': {
      const row = result.row!;
      // A concurrent retry of this clientMessageId ('same') shares the first attempt's message and answer;
      // only that attempt publishes it.
      if (outcome.kind === 'decided') await publishMessageCreated(ctx, row, result.audience ?? undefined);
      return {
        message: await presentJustSent(ctx, row, result.replyTarget),
        created: outcome.kind === 'decided',
      };
    }
    case 'earlier': {
      // Gone since only if its conversation was deleted meanwhile.
      const earlier = await findMessage(ctx.db, result.earlierId!);
      if (!earlier) throw new NotFound('Conversation not found');
      return answerEarlier(ctx, senderId, conversationId, earlier);
    }
    case 'blocked':
      throw blockedSender();
    case 'bad_reply':
      throw badReplyTarget();
    case 'not_found':
      throw new NotFound('Conversation not found');
  }
}

/**
 * An earlier copy is answered only to a current member (the write path checks membership itself). The
 * first attempt may have died between its commit and its event (the retry is the sign): if the outbox
 * still owes message.created, it goes out now rather than after the relay's delay.
 */
async function answerEarlier(
  ctx: AppContext,
  senderId: string,
  conversationId: string,
  row: MessageRow,
): Promise<SendResult> {
  await requireMember(ctx.db, conversationId, senderId);
  if (await isOwed(ctx.db, row.id, 'message.created')) await publishMessageCreated(ctx, row);
  return { message: (await presentForViewer(ctx, senderId, conversationId, [row]))[0]!, created: false };
}

/**
 * One send in its own transaction (appendMessage): a message with attachments, and any send whose batch
 * was refused as a whole. A retried clientMessageId is answered with the first message.
 */
async function sendAlone(
  ctx: AppContext,
  senderId: string,
  conversationId: string,
  fields: {
    content: string | null;
    clientMessageId: string | null;
    replyToId: string | null;
    attachmentCount: number;
  },
  attachmentSource: AttachmentSource,
): Promise<SendResult> {
  const { clientMessageId } = fields;
  if (clientMessageId !== null) {
    const earlier = await findByClientMessageId(ctx.db, conversationId, senderId, clientMessageId);
    if (earlier) return answerEarlier(ctx, senderId, conversationId, earlier);
  }
  let written: Appended;
  try {
    written = await ctx.db.transaction((tx) =>
      appendMessage(tx, conversationId, senderId, fields, attachmentSource),
    );
  } catch (error) {
    // A concurrent retry won the unique index: the whole transaction (seq bump included) rolled back,
    // so there is no gap; answer with the winner's message.
    if (clientMessageId !== null && isUniqueViolation(error)) {
      const winner = await findByClientMessageId(ctx.db, conversationId, senderId, clientMessageId);
      if (winner) return answerEarlier(ctx, senderId, conversationId, winner);
    }
    throw error;
  }
  await publishMessageCreated(ctx, written.row, written.audience);
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
  const appended = await ctx.db.transaction(async (tx) => {
    const written: Appended[] = [];
    for (const targetId of lockOrder)
      written.push(await appendMessage(tx, targetId, userId, fields, attachments));
    return written;
  });
  for (const { row, audience } of appended) await publishMessageCreated(ctx, row, audience);
  const byConversation = new Map(appended.map(({ row }) => [row.conversationId, row]));
  const presented: PresentedMessage[] = [];
  for (const targetId of targetIds) {
    const row = byConversation.get(targetId)!;
    presented.push((await presentForViewer(ctx, userId, targetId, [row]))[0]!);
  }
  return presented;
}
