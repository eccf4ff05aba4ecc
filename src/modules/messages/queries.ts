// SQL for messages: sequence allocation, visible reads, reply targets, tombstones, hides and sync scans.
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  lte,
  ne,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { AttachmentRow } from '../../core/attachments.js';
import { nextChangeId, raiseLastChangeId } from '../../core/change-ids.js';
import { conversationActivitySql } from '../../core/inbox-rows.js';
import { visibleInConversation } from '../../core/visibility.js';
import type { Executor, Tx } from '../../db/client.js';
import {
  attachments,
  conversations,
  eventOutbox,
  membershipPeriods,
  messageAttachments,
  messageHides,
  messages,
  participants,
} from '../../db/schema.js';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/**
 * Hands out the next sequence number. The UPDATE takes the conversation row's lock until commit, so
 * concurrent senders queue here and seq is total and gap-free (a rolled-back send releases its number).
 * Null when the conversation does not exist or was deleted.
 */
export async function allocateSeq(
  tx: Tx,
  conversationId: string,
  options: { touchActivity: boolean } = { touchActivity: true },
): Promise<number | null> {
  const [row] = await tx
    .update(conversations)
    .set({
      lastSeq: sql`${conversations.lastSeq} + 1`,
      // A withheld message must not move the chat up the list of the person it is withheld from.
      ...(options.touchActivity ? { lastMessageAt: sql`now()` } : {}),
    })
    .where(and(eq(conversations.id, conversationId), isNull(conversations.deletedAt)))
    .returning({ lastSeq: conversations.lastSeq });
  return row?.lastSeq ?? null;
}

/**
 * Inserts a message and moves every current member's row, in one statement. For the sender: reads and
 * receives the conversation up to the new message; for everyone: their inbox row moves to it, and it is
 * one more unread for the others. The insert takes its seq from the sender's updated row, so it happens
 * only when the sender is a current member: null means they are not (or no longer), and nothing was
 * written. Call after allocateSeq, which took the conversation lock: this statement's snapshot then
 * sees every membership change committed before it. The same statement writes the message's outbox row
 * (message.created, see outbox.ts): no extra round trip while the conversation lock is held. It returns
 * the message's audience too: the members whose rows it moved (every current member but the one it is
 * withheld from), who are exactly those who may see a message nobody could have hidden yet, so
 * publishing it needs no query.
 */
export async function insertMessageAndMoveMarkers(
  tx: Tx,
  values: NewMessage & { seq: number },
  /** A member the message is withheld from (they blocked the sender): their row does not move. */
  withheldFrom: string | null = null,
): Promise<{ row: MessageRow; audience: string[] } | null> {
  const { conversationId, senderId, seq } = values;
  const isSender = sql`${participants.userId} = ${senderId}`;
  const forSender = (value: SQL, otherwise: SQLWrapper) =>
    sql`case when ${isSender} then ${value} else ${otherwise} end`;
  const members = tx.$with('send_members').as(
    tx
      .update(participants)
      .set({
        readSeq: forSender(sql`greatest(${participants.readSeq}, ${seq})`, participants.readSeq),
        readAt: forSender(sql`now()`, participants.readAt),
        deliveredSeq: forSender(
          sql`greatest(${participants.deliveredSeq}, ${seq})`,
          participants.deliveredSeq,
        ),
        deliveredAt: forSender(sql`now()`, participants.deliveredAt),
        markerChangeId: forSender(nextChangeId(), participants.markerChangeId),
        unreadCount: forSender(sql`0`, sql`${participants.unreadCount} + 1`),
        lastVisibleSeq: seq,
        // The conversation's activity as allocateSeq left it (unmoved by a withheld message).
        activityAt: conversationActivitySql(conversationId),
      })
      .where(
        and(
          eq(participants.conversationId, conversationId),
          isNull(participants.leftAt),
          withheldFrom === null ? undefined : ne(participants.userId, withheldFrom),
        ),
      )
      .returning({
        isSender: sql<boolean>`${isSender}`.as('is_sender'),
        userId: participants.userId,
        markerChangeId: participants.markerChangeId,
      }),
  );
  // Rolled back with everything else when the insert below writes nothing (the caller then throws).
  const outboxed = tx
    .$with('send_outbox')
    .as(
      tx
        .insert(eventOutbox)
        .values({ messageId: values.id, event: 'message.created' })
        .returning({ messageId: eventOutbox.messageId }),
    );
  const param = <T>(value: T, type: string) => sql`${value ?? null}::${sql.raw(type)}`;
  const [row] = await tx
    .with(members, outboxed)
    .insert(messages)
    .select(
      tx
        .select({
          id: param(values.id, 'uuid').as('id'),
          conversationId: param(conversationId, 'uuid').as('conversation_id'),
          seq: param(seq, 'bigint').as('seq'),
          senderId: param(senderId, 'uuid').as('sender_id'),
          content: param(values.content, 'text').as('content'),
          clientMessageId: param(values.clientMessageId, 'text').as('client_message_id'),
          replyToId: param(values.replyToId, 'uuid').as('reply_to_id'),
          forwardedCount: param(values.forwardedCount ?? 0, 'integer').as('forwarded_count'),
          originalSentAt: param(values.originalSentAt?.toISOString(), 'timestamptz').as('original_sent_at'),
          createdAt: sql`now()`.as('created_at'),
          editedAt: sql`null::timestamptz`.as('edited_at'),
          deletedAt: sql`null::timestamptz`.as('deleted_at'),
          deletedBy: sql`null::uuid`.as('deleted_by'),
          changeId: nextChangeId().as('change_id'),
          attachmentCount: param(values.attachmentCount ?? 0, 'integer').as('attachment_count'),
        })
        .from(members)
        .where(sql`${members.isSender}`),
    )
    .returning({
      ...getTableColumns(messages),
      audience: sql<string[]>`(select array_agg(user_id::text) from send_members)`,
      senderMarkerChangeId: sql<string>`(select marker_change_id from send_members where is_sender)`,
    });
  if (!row) return null;
  const { audience, senderMarkerChangeId, ...message } = row;
  await raiseLastChangeId(tx, conversationId, Math.max(message.changeId, Number(senderMarkerChangeId)));
  return { row: message, audience };
}

export async function findByClientMessageId(
  db: Executor,
  conversationId: string,
  senderId: string,
  clientMessageId: string,
): Promise<MessageRow | null> {
  const [row] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.senderId, senderId),
        eq(messages.clientMessageId, clientMessageId),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** One message of the conversation, if `viewerId` may see it. */
export async function findVisibleMessage(
  db: Executor,
  viewerId: string,
  conversationId: string,
  messageId: string,
): Promise<MessageRow | null> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), visibleInConversation(viewerId, conversationId)))
    .limit(1);
  return row ?? null;
}

export interface SeqRange {
  /** Exclusive upper bound. */
  beforeSeq: number | null;
  /** Exclusive lower bound. */
  afterSeq: number | null;
  limit: number;
}

/** The user's membership periods in a conversation, oldest first (a handful of rows). */
async function selectOwnPeriods(db: Executor, conversationId: string, userId: string) {
  return db
    .select({ afterSeq: membershipPeriods.afterSeq, untilSeq: membershipPeriods.untilSeq })
    .from(membershipPeriods)
    .where(and(eq(membershipPeriods.conversationId, conversationId), eq(membershipPeriods.userId, userId)))
    .orderBy(asc(membershipPeriods.afterSeq));
}

/**
 * A page of visible messages: a keyset walk of messages_conversation_seq_key. Backwards (newest first)
 * unless `afterSeq` is given, in which case the oldest ones after it come first.
 *
 * The walk goes one membership period at a time, each bounded on the index, so a page costs the same
 * however long the stretch the viewer was out of the group; visibleInConversation still decides.
 */
export async function listVisibleMessages(
  db: Executor,
  viewerId: string,
  conversationId: string,
  range: SeqRange,
): Promise<MessageRow[]> {
  const forwards = range.afterSeq !== null;
  const periods = await selectOwnPeriods(db, conversationId, viewerId);
  if (!forwards) periods.reverse();
  const rows: MessageRow[] = [];
  for (const period of periods) {
    // Exclusive low and inclusive high bounds of this period within the requested window.
    const low = Math.max(period.afterSeq, range.afterSeq ?? 0);
    const highs = [period.untilSeq, range.beforeSeq === null ? null : range.beforeSeq - 1].filter(
      (bound): bound is number => bound !== null,
    );
    const high = highs.length > 0 ? Math.min(...highs) : null;
    if (high !== null && high <= low) continue;
    const page = await selectVisibleInWindow(db, viewerId, conversationId, {
      low,
      high,
      forwards,
      limit: range.limit - rows.length,
    });
    rows.push(...page);
    if (rows.length >= range.limit) break;
  }
  return rows;
}

export interface SeqWindow {
  /** Exclusive lower bound. */
  low: number;
  /** Inclusive upper bound; null for none. */
  high: number | null;
  /** Oldest first when true, newest first otherwise. */
  forwards: boolean;
  limit: number;
}

/** One bounded stretch of a history page: the query builder, so its SQL can be rendered and reviewed. */
export function selectVisibleInWindow(
  db: Executor,
  viewerId: string,
  conversationId: string,
  window: SeqWindow,
) {
  const where: SQL[] = [
    visibleInConversation(viewerId, conversationId),
    sql`${messages.seq} > ${window.low}`,
  ];
  if (window.high !== null) where.push(lte(messages.seq, window.high));
  return db
    .select()
    .from(messages)
    .where(and(...where))
    .orderBy(window.forwards ? asc(messages.seq) : desc(messages.seq))
    .limit(window.limit);
}

export interface ReplyTarget {
  id: string;
  seq: number;
  senderId: string;
  content: string | null;
  deletedAt: Date | null;
}

/** The replied-to messages among `ids` that `viewerId` may see (the others are left out). */
export async function findVisibleReplyTargets(
  db: Executor,
  viewerId: string,
  conversationId: string,
  ids: string[],
): Promise<ReplyTarget[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: messages.id,
      seq: messages.seq,
      senderId: messages.senderId,
      content: messages.content,
      deletedAt: messages.deletedAt,
    })
    .from(messages)
    .where(and(inArray(messages.id, ids), visibleInConversation(viewerId, conversationId)));
}

export async function findReplyTarget(db: Executor, messageId: string): Promise<ReplyTarget | null> {
  const [row] = await db
    .select({
      id: messages.id,
      seq: messages.seq,
      senderId: messages.senderId,
      content: messages.content,
      deletedAt: messages.deletedAt,
    })
    .from(messages)
    .where(eq(messages.id, messageId))
    .limit(1);
  return row ?? null;
}

/**
 * Delete for everyone: the content and the attachment references are erased; the row stays as a
 * tombstone. Null if already deleted; else the tombstone and the attachments it no longer references.
 */
export async function eraseMessage(
  tx: Tx,
  messageId: string,
  deletedBy: string,
): Promise<{ row: MessageRow; releasedAttachmentIds: string[] } | null> {
  const [row] = await tx
    .update(messages)
    .set({ content: null, deletedAt: sql`now()`, deletedBy, changeId: nextChangeId(), attachmentCount: 0 })
    .where(and(eq(messages.id, messageId), isNull(messages.deletedAt)))
    .returning();
  if (!row) return null;
  await raiseLastChangeId(tx, row.conversationId, row.changeId);
  const released = await tx
    .delete(messageAttachments)
    .where(eq(messageAttachments.messageId, messageId))
    .returning({ attachmentId: messageAttachments.attachmentId });
  return { row, releasedAttachmentIds: released.map((ref) => ref.attachmentId) };
}

/**
 * Marks the sender's own unused uploads to this conversation as used, in one statement; answers how
 * many it took. Fewer than asked means one is someone else's, another conversation's, already in a
 * message, swept, or not there at all. The row lock orders it against the sweeper.
 */
export async function claimAttachments(
  tx: Tx,
  conversationId: string,
  uploaderId: string,
  attachmentIds: string[],
): Promise<number> {
  const claimed = await tx
    .update(attachments)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        inArray(attachments.id, attachmentIds),
        eq(attachments.conversationId, conversationId),
        eq(attachments.uploaderId, uploaderId),
        isNull(attachments.usedAt),
      ),
    )
    .returning({ id: attachments.id });
  return claimed.length;
}

export async function insertMessageAttachments(tx: Tx, messageId: string, attachmentIds: string[]) {
  if (attachmentIds.length === 0) return;
  await tx
    .insert(messageAttachments)
    .values(attachmentIds.map((attachmentId, position) => ({ messageId, attachmentId, position })));
}

/** A forward: the copy references the source's attachments (the bytes are shared, never copied). */
export async function copyMessageAttachments(tx: Tx, fromMessageId: string, toMessageId: string) {
  await tx.execute(sql`
    insert into ${messageAttachments} (message_id, attachment_id, position)
    select ${toMessageId}::uuid, attachment_id, position from ${messageAttachments}
    where message_id = ${fromMessageId}::uuid`);
}

/** The attachments of these messages, in their order: one query for a whole page. */
export async function selectAttachmentsOf(
  db: Executor,
  messageIds: string[],
): Promise<Map<string, AttachmentRow[]>> {
  const byMessage = new Map<string, AttachmentRow[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select({ messageId: messageAttachments.messageId, attachment: attachments })
    .from(messageAttachments)
    .innerJoin(attachments, eq(attachments.id, messageAttachments.attachmentId))
    .where(inArray(messageAttachments.messageId, messageIds))
    .orderBy(asc(messageAttachments.messageId), asc(messageAttachments.position));
  for (const { messageId, attachment } of rows) {
    const list = byMessage.get(messageId);
    if (list) list.push(attachment);
    else byMessage.set(messageId, [attachment]);
  }
  return byMessage;
}

/**
 * Replaces the text of a message that still exists, stamping editedAt and a new change id (so /changes
 * returns it again). Null when it was deleted meanwhile. Call under the conversation lock.
 */
export async function updateContent(tx: Tx, messageId: string, content: string): Promise<MessageRow | null> {
  const [row] = await tx
    .update(messages)
    .set({ content, editedAt: sql`now()`, changeId: nextChangeId() })
    .where(and(eq(messages.id, messageId), isNull(messages.deletedAt)))
    .returning();
  if (row) await raiseLastChangeId(tx, row.conversationId, row.changeId);
  return row ?? null;
}

/**
 * A new change id for a message whose reactions changed, so /changes returns it again. Call under the
 * conversation lock.
 */
export async function stampMessageChange(tx: Tx, messageId: string): Promise<MessageRow> {
  const [row] = await tx
    .update(messages)
    .set({ changeId: nextChangeId() })
    .where(eq(messages.id, messageId))
    .returning();
  await raiseLastChangeId(tx, row!.conversationId, row!.changeId);
  return row!;
}

/**
 * Hides a message for one user. Their marker change id moves too, so the conversation's sync cursor
 * moves and the user's other devices fetch the hide through /changes. Call under the conversation lock.
 */
export async function hideMessage(tx: Tx, conversationId: string, userId: string, messageId: string) {
  const [stamp] = await tx
    .update(participants)
    .set({ markerChangeId: nextChangeId() })
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)))
    .returning({ changeId: participants.markerChangeId });
  await raiseLastChangeId(tx, conversationId, stamp!.changeId);
  await tx
    .insert(messageHides)
    .values({ userId, messageId, changeId: stamp!.changeId })
    .onConflictDoNothing();
}

/**
 * Withholds a message from a member who blocked its sender: hidden for them like a delete for me, but
 * marked so it is never announced to their devices and never counts in the sender's ticks.
 */
export async function withholdMessage(tx: Tx, userId: string, messageId: string): Promise<void> {
  await tx.insert(messageHides).values({ userId, messageId, withheld: true });
}

/** For each of `messageIds`, the members it was withheld from. */
export async function findWithheld(db: Executor, messageIds: string[]): Promise<Map<string, Set<string>>> {
  const byMessage = new Map<string, Set<string>>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select({ messageId: messageHides.messageId, userId: messageHides.userId })
    .from(messageHides)
    .where(and(inArray(messageHides.messageId, messageIds), eq(messageHides.withheld, true)));
  for (const row of rows) {
    const users = byMessage.get(row.messageId) ?? new Set<string>();
    users.add(row.userId);
    byMessage.set(row.messageId, users);
  }
  return byMessage;
}

/** Messages of a conversation this user hid for themselves after change `since` (never withheld ones). */
export async function listHiddenSince(
  db: Executor,
  userId: string,
  conversationId: string,
  since: number,
): Promise<string[]> {
  const rows = await db
    .select({ messageId: messageHides.messageId })
    .from(messageHides)
    .innerJoin(messages, eq(messages.id, messageHides.messageId))
    .where(
      and(
        eq(messageHides.userId, userId),
        eq(messages.conversationId, conversationId),
        eq(messageHides.withheld, false),
        sql`${messageHides.changeId} > ${since}`,
      ),
    );
  return rows.map((row) => row.messageId);
}

export async function isHiddenFor(db: Executor, userId: string, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ messageId: messageHides.messageId })
    .from(messageHides)
    .where(and(eq(messageHides.userId, userId), eq(messageHides.messageId, messageId)))
    .limit(1);
  return row !== undefined;
}

/** Visible messages created, edited, reacted to or deleted after change id `since`, in change order. */
export async function listChangedMessages(
  db: Executor,
  viewerId: string,
  conversationId: string,
  since: number,
  limit: number,
): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(visibleInConversation(viewerId, conversationId), sql`${messages.changeId} > ${since}`))
    .orderBy(asc(messages.changeId))
    .limit(limit);
}
