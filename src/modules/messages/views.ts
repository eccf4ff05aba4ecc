// Presents messages as one viewer sees them (reply previews, own statuses, attachments, reactions) in a
// fixed number of queries per page, and as each recipient of a real-time event sees them.

import { type AttachmentLinks, type AttachmentRow, presentAttachment } from '../../core/attachments.js';
import { usersWhoCanSeeMessage } from '../../core/visibility.js';
import type { Executor } from '../../db/client.js';
import { type PresentedMessage, presentMessage } from './present.js';
import {
  findReplyTarget,
  findVisibleReplyTargets,
  findWithheld,
  type MessageRow,
  type ReplyTarget,
  selectAttachmentsOf,
} from './queries.js';
import { selectReactionSummaries, selectReactions, summarizeReactions } from './reaction-queries.js';
import { selectPeriodsWithReadState } from './read-state-queries.js';
import { statusOf } from './status.js';

/** What presenting needs: the database, and the signer of attachment links. */
export interface ViewContext {
  db: Executor;
  attachmentLinks: AttachmentLinks;
}

/** The attachments of the rows that carry any (a page of plain text costs no query). */
async function attachmentsOf(db: Executor, rows: MessageRow[]): Promise<Map<string, AttachmentRow[]>> {
  const ids = rows.filter((row) => row.attachmentCount > 0 && row.deletedAt === null).map((row) => row.id);
  return selectAttachmentsOf(db, ids);
}

/** A page of one conversation's messages for `viewerId`: four extra queries at most, whatever its size. */
export async function presentForViewer(
  ctx: ViewContext,
  viewerId: string,
  conversationId: string,
  rows: MessageRow[],
): Promise<PresentedMessage[]> {
  const { db } = ctx;
  const attachments = await attachmentsOf(db, rows);
  const replyIds = [...new Set(rows.flatMap((row) => (row.replyToId ? [row.replyToId] : [])))];
  const targets = new Map(
    (await findVisibleReplyTargets(db, viewerId, conversationId, replyIds)).map((target) => [
      target.id,
      target,
    ]),
  );
  const own = rows.filter((row) => row.senderId === viewerId);
  const ownSeqs = own.map((row) => row.seq);
  const periods =
    ownSeqs.length > 0
      ? await selectPeriodsWithReadState(
          db,
          conversationId,
          viewerId,
          Math.min(...ownSeqs),
          Math.max(...ownSeqs),
        )
      : [];
  // Members a message was withheld from (they blocked me) never count in its ticks: it stays "sent".
  const withheld = await findWithheld(
    db,
    own.map((row) => row.id),
  );
  const reactions = await selectReactionSummaries(
    db,
    viewerId,
    rows.filter((row) => row.deletedAt === null).map((row) => row.id),
  );
  return rows.map((row) => {
    const isOwn = row.senderId === viewerId;
    return presentMessage(row, {
      replyTo: row.replyToId ? (targets.get(row.replyToId) ?? null) : null,
      status: isOwn ? statusOf(periods, row.seq, withheld.get(row.id)) : null,
      isSender: isOwn,
      attachments: (attachments.get(row.id) ?? []).map((attachment) =>
        presentAttachment(attachment, ctx.attachmentLinks, viewerId),
      ),
      reactions: reactions.get(row.id) ?? [],
    });
  });
}

/** A message the caller just sent, as they see it: it has reached nobody else yet, so it is "sent". */
export async function presentJustSent(
  ctx: ViewContext,
  row: MessageRow,
  replyTo: ReplyTarget | null,
): Promise<PresentedMessage> {
  const attachments = (await attachmentsOf(ctx.db, [row])).get(row.id) ?? [];
  return presentMessage(row, {
    replyTo,
    status: 'sent',
    isSender: true,
    attachments: attachments.map((attachment) =>
      presentAttachment(attachment, ctx.attachmentLinks, row.senderId),
    ),
    reactions: [],
  });
}

export interface Delivery {
  userIds: string[];
  message: PresentedMessage;
}

/** The message a reply points at, and who among the audience may see it (they get the reply preview). */
async function replyPreviewFor(
  db: ViewContext['db'],
  row: MessageRow,
): Promise<{ target: ReplyTarget | null; seesTarget: Set<string> }> {
  const target = row.replyToId ? await findReplyTarget(db, row.replyToId) : null;
  if (!target) return { target: null, seesTarget: new Set() };
  const seeing = await usersWhoCanSeeMessage(db, {
    id: target.id,
    conversationId: row.conversationId,
    seq: target.seq,
  });
  return { target, seesTarget: new Set(seeing) };
}

/**
 * Recipients other than the sender, grouped by what differs between their copies: a reader of their own
 * when links are signed for them (attachments), else by `keyOf`. Each group names one of its members,
 * whose copy serves the whole group.
 */
function groupReaders(
  audience: string[],
  row: MessageRow,
  perReader: boolean,
  keyOf: (userId: string) => string,
): { viewerId: string; userIds: string[] }[] {
  const groups = new Map<string, { viewerId: string; userIds: string[] }>();
  for (const userId of audience) {
    if (userId === row.senderId) continue;
    const key = perReader ? `reader:${userId}` : keyOf(userId);
    const group = groups.get(key) ?? { viewerId: userId, userIds: [] };
    group.userIds.push(userId);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * A message just written, as each member who may see it receives it: the sender's copy carries status and
 * clientMessageId; the reply preview goes only to those who may see the replied message. Attachment links
 * are signed for each reader, so a message with attachments is one delivery per reader.
 */
export async function presentForAudience(
  ctx: ViewContext,
  row: MessageRow,
  /** usersWhoCanSeeMessage of the row, when the caller already has it. */
  knownAudience?: string[],
): Promise<Delivery[]> {
  const { db } = ctx;
  const audience = knownAudience ?? (await usersWhoCanSeeMessage(db, row));
  const attachments = (await attachmentsOf(db, [row])).get(row.id) ?? [];
  const signedFor = (userId: string) =>
    attachments.map((attachment) => presentAttachment(attachment, ctx.attachmentLinks, userId));
  const { target, seesTarget } = await replyPreviewFor(db, row);
  const copyFor = (userId: string, isSender: boolean) =>
    presentMessage(row, {
      replyTo: seesTarget.has(userId) ? target : null,
      // Just written: it has reached nobody else yet, so no marker lookup is needed.
      status: isSender ? 'sent' : null,
      isSender,
      attachments: signedFor(userId),
      reactions: [],
    });
  const deliveries: Delivery[] = audience.includes(row.senderId)
    ? [{ userIds: [row.senderId], message: copyFor(row.senderId, true) }]
    : [];
  const groups = groupReaders(audience, row, attachments.length > 0, (userId) =>
    seesTarget.has(userId) ? 'preview' : 'none',
  );
  for (const { viewerId, userIds } of groups) {
    deliveries.push({ userIds, message: copyFor(viewerId, false) });
  }
  return deliveries;
}

/**
 * A message that changed (edited, reacted to), as each member who may see it now receives it: the
 * audience of any event about it (usersWhoCanSeeMessage: no one who hid it, nor anyone it was withheld
 * from). Recipients are grouped by what differs between them (the sender's own copy, the reply preview, which emoji is theirs), so a large
 * group costs a few presentations, not one per member; attachment links are signed per reader, as for
 * a new message.
 */
export async function presentChangeForAudience(ctx: ViewContext, row: MessageRow): Promise<Delivery[]> {
  const { db } = ctx;
  const audience = await usersWhoCanSeeMessage(db, row);
  if (audience.length === 0) return [];
  const attachments = (await attachmentsOf(db, [row])).get(row.id) ?? [];
  const { target, seesTarget } = await replyPreviewFor(db, row);
  const reactions = row.deletedAt === null ? await selectReactions(db, row.id) : [];
  const emojiOf = new Map(reactions.map((reaction) => [reaction.userId, reaction.emoji]));
  const deliveries: Delivery[] = [];
  if (audience.includes(row.senderId)) {
    // The sender's copy carries its status: presented like a page of one.
    const [own] = await presentForViewer(ctx, row.senderId, row.conversationId, [row]);
    deliveries.push({ userIds: [row.senderId], message: own! });
  }
  const groups = groupReaders(
    audience,
    row,
    attachments.length > 0,
    (userId) => `${seesTarget.has(userId) ? 'preview' : 'none'}:${emojiOf.get(userId) ?? ''}`,
  );
  for (const { viewerId, userIds } of groups) {
    deliveries.push({
      userIds,
      message: presentMessage(row, {
        replyTo: seesTarget.has(viewerId) ? target : null,
        status: null,
        isSender: false,
        attachments: attachments.map((attachment) =>
          presentAttachment(attachment, ctx.attachmentLinks, viewerId),
        ),
        reactions: summarizeReactions(reactions, viewerId),
      }),
    });
  }
  return deliveries;
}
