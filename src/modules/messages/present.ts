// Message rows -> the API shape. Which reply target and status a viewer gets is decided by the caller.
import type { PresentedAttachment } from '../../core/attachments.js';
import type { MessageRow, ReplyTarget } from './queries.js';
import type { ReactionSummary } from './reaction-queries.js';

export type MessageStatus = 'sent' | 'delivered' | 'read';

const PREVIEW_LENGTH = 100;

/** The first characters of a message (by code point, so an emoji is never cut in half). */
export function preview(content: string): string {
  const chars = Array.from(content);
  return chars.length <= PREVIEW_LENGTH ? content : chars.slice(0, PREVIEW_LENGTH).join('');
}

export interface ViewerExtras {
  /** The replied-to message when the viewer may see it, else null. */
  replyTo: ReplyTarget | null;
  /** Only for the viewer's own messages. */
  status: MessageStatus | null;
  /** The sender's clientMessageId is only echoed back to the sender. */
  isSender: boolean;
  /** The message's attachments with links signed for this viewer (none on a tombstone). */
  attachments: PresentedAttachment[];
  /** Aggregated, with `me` for this viewer (a tombstone shows none). */
  reactions: ReactionSummary[];
}

export function presentMessage(row: MessageRow, extras: ViewerExtras) {
  const target = extras.replyTo;
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    senderId: row.senderId,
    content: row.deletedAt ? null : row.content,
    attachments: row.deletedAt ? [] : extras.attachments,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    replyTo: target
      ? {
          id: target.id,
          senderId: target.senderId,
          preview: target.deletedAt || target.content === null ? null : preview(target.content),
          deleted: target.deletedAt !== null,
        }
      : null,
    forwarded:
      row.forwardedCount > 0
        ? { count: row.forwardedCount, originalSentAt: (row.originalSentAt ?? row.createdAt).toISOString() }
        : null,
    deleted: row.deletedAt !== null,
    clientMessageId: extras.isSender ? row.clientMessageId : null,
    status: extras.status,
    reactions: row.deletedAt ? [] : extras.reactions,
  };
}

export type PresentedMessage = ReturnType<typeof presentMessage>;

export function presentReceipt(userId: string, at: Date | null) {
  return { userId, at: at?.toISOString() ?? null };
}

export interface ReadStateLike {
  userId: string;
  lastReadMessageId: string | null;
  lastDeliveredMessageId: string | null;
  readAt: Date | null;
  deliveredAt: Date | null;
  withheldMessageIds: string[];
}

export function presentReadState(state: ReadStateLike) {
  return {
    userId: state.userId,
    lastReadMessageId: state.lastReadMessageId,
    lastDeliveredMessageId: state.lastDeliveredMessageId,
    readAt: state.readAt?.toISOString() ?? null,
    deliveredAt: state.deliveredAt?.toISOString() ?? null,
    withheldMessageIds: state.withheldMessageIds,
  };
}
