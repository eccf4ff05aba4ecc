// SQL for push: devices' subscriptions, who may be pushed a message, and the delivery queue.
import {
  and,
  desc,
  eq,
  getTableColumns,
  inArray,
  ne,
  notExists,
  notInArray,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { AttachmentKind } from '../../core/attachments.js';
import { usersWhoCanSeeMessageQuery } from '../../core/visibility.js';
import type { Db, Executor, Tx } from '../../db/client.js';
import { namedStatement, preparedPerDatabase, runNamed } from '../../db/prepared.js';
import {
  attachments,
  conversations,
  messageAttachments,
  messages,
  participants,
  pushDeliveries,
  pushSubscriptions,
  sessions,
  userBlocks,
  users,
} from '../../db/schema.js';

export type SubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** A user keeps at most this many devices; registering one more forgets the least recently registered. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;

/**
 * Registers (or refreshes) a device's subscription for `userId`. An endpoint held by another account
 * moves to this one: it is the same browser, now logged in as someone else, and must stop receiving the
 * previous account's messages. Null when a concurrent registration by another account won the endpoint.
 */
export async function upsertSubscription(
  tx: Tx,
  values: Omit<typeof pushSubscriptions.$inferInsert, 'createdAt' | 'updatedAt'>,
): Promise<{ row: SubscriptionRow; created: boolean } | null> {
  await tx
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.endpoint, values.endpoint), ne(pushSubscriptions.userId, values.userId)));
  const [written] = await tx
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: {
        sessionId: sql`excluded.session_id`,
        p256dh: sql`excluded.p256dh`,
        auth: sql`excluded.auth`,
        updatedAt: sql`now()`,
      },
      setWhere: eq(pushSubscriptions.userId, values.userId),
    })
    .returning({ ...getTableColumns(pushSubscriptions), created: sql<boolean>`xmax = 0` });
  if (!written) return null;
  const { created, ...row } = written;
  return { row, created };
}

/** Forgets the user's devices beyond the newest MAX_SUBSCRIPTIONS_PER_USER. */
export async function trimSubscriptions(tx: Tx, userId: string): Promise<void> {
  const keep = tx
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.updatedAt), desc(pushSubscriptions.id))
    .limit(MAX_SUBSCRIPTIONS_PER_USER);
  await tx
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), notInArray(pushSubscriptions.id, keep)));
}

export async function listSubscriptions(db: Executor, userId: string): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.updatedAt), desc(pushSubscriptions.id));
}

/** Deletes one of the user's own subscriptions; false when it is not theirs (or does not exist). */
export async function deleteOwnSubscription(db: Executor, userId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.id, id), eq(pushSubscriptions.userId, userId)))
    .returning({ id: pushSubscriptions.id });
  return deleted.length > 0;
}

export async function deleteSubscription(db: Executor, id: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
}

type Param<T> = T | SQLWrapper;

/** One message's pushable devices (the rule below); its values may be columns of an outer query. */
function pushableSubscriptionsQuery(
  db: Executor,
  message: { id: Param<string>; conversationId: Param<string>; seq: Param<number>; senderId: Param<string> },
  now: Param<string>,
) {
  return db
    .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId })
    .from(pushSubscriptions)
    .innerJoin(sessions, eq(sessions.id, pushSubscriptions.sessionId))
    .innerJoin(
      participants,
      and(
        eq(participants.conversationId, message.conversationId),
        eq(participants.userId, pushSubscriptions.userId),
      ),
    )
    .where(
      and(
        sql`(${participants.mutedUntil} is null or ${participants.mutedUntil} <= ${now}::timestamptz)`,
        notExists(
          db
            .select({ one: sql`1` })
            .from(userBlocks)
            .where(
              and(
                eq(userBlocks.blockerId, pushSubscriptions.userId),
                eq(userBlocks.blockedId, message.senderId),
              ),
            ),
        ),
        inArray(pushSubscriptions.userId, usersWhoCanSeeMessageQuery(db, message)),
        ne(pushSubscriptions.userId, message.senderId),
        sql`${sessions.revokedAt} is null`,
        sql`${sessions.expiresAt} > ${now}::timestamptz`,
      ),
    );
}

/**
 * The pushable devices of many messages in one statement: each message's row of the input joined to the
 * one-message query above (so the rule is written once). Built once per database handle; PostgreSQL parses
 * it once per connection.
 */
export const pushableBatchStatement = preparedPerDatabase((db) =>
  namedStatement(
    sql`select m.id as message_id, s.id, s.user_id
      from jsonb_to_recordset(${sql.placeholder('messages')}::jsonb)
        as m(id uuid, conversation_id uuid, seq bigint, sender_id uuid)
      cross join lateral (${pushableSubscriptionsQuery(
        db,
        {
          id: sql`m.id`,
          conversationId: sql`m.conversation_id`,
          seq: sql`m.seq`,
          senderId: sql`m.sender_id`,
        },
        sql.placeholder('now'),
      )}) s`,
    'push_pushable_subscriptions',
  ),
);

/**
 * The devices that may be pushed each message: those of the members who may see it (the visibility rule),
 * but not the sender's, nor those of anyone who hid it, muted the chat (until a time still ahead, or
 * forever) or blocked the sender; each registered by a login that is still live. One round trip for all
 * of them: the notifier looks up the messages that committed together at once.
 */
export async function selectPushableSubscriptions(
  db: Db,
  batch: { id: string; conversationId: string; seq: number; senderId: string }[],
  now: Date,
): Promise<{ messageId: string; id: string; userId: string }[]> {
  if (batch.length === 0) return [];
  const messages = JSON.stringify(
    batch.map((message) => ({
      id: message.id,
      conversation_id: message.conversationId,
      seq: message.seq,
      sender_id: message.senderId,
    })),
  );
  const { rows } = await runNamed<{ message_id: string; id: string; user_id: string }>(
    db,
    pushableBatchStatement(db),
    { messages, now: now.toISOString() },
  );
  return rows.map((row) => ({ messageId: row.message_id, id: row.id, userId: row.user_id }));
}

/**
 * What a notification says about a message: who sent it, where, its text (null once deleted, or for
 * attachments without a caption) and the kind of its first attachment.
 */
export async function selectNotificationFacts(db: Executor, messageId: string) {
  const [row] = await db
    .select({
      conversationId: messages.conversationId,
      content: messages.content,
      deleted: sql<boolean>`${messages.deletedAt} is not null`,
      attachmentCount: messages.attachmentCount,
      firstAttachmentKind: sql<AttachmentKind | null>`(
        select ${attachments.kind} from ${messageAttachments}
        join ${attachments} on ${attachments.id} = ${messageAttachments.attachmentId}
        where ${messageAttachments.messageId} = ${messages.id}
        order by ${messageAttachments.position} limit 1)`,
      senderFirstName: users.firstName,
      senderLastName: users.lastName,
      conversationType: conversations.type,
      conversationTitle: conversations.title,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.senderId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(eq(messages.id, messageId))
    .limit(1);
  return row ?? null;
}

/** One pending push per subscription; a message already queued for a subscription is left as it is. */
export async function insertDeliveries(
  db: Executor,
  rows: { id: string; subscriptionId: string; messageId: string; payload: string; nextAttemptAt: Date }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(pushDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [pushDeliveries.subscriptionId, pushDeliveries.messageId] })
    .returning({ id: pushDeliveries.id });
  return inserted.length;
}

export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  messageId: string;
  payload: string;
  attempts: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  /** The message was deleted for everyone since the push was queued: it must not be shown. */
  messageDeleted: boolean;
}

/**
 * Claims up to `limit` pushes that are due, for `leaseMs`: SKIP LOCKED and the claim make each one go to
 * one sender at a time across processes; a claim that lapses (its process died) makes it due again.
 */
export async function claimDueDeliveries(
  db: Executor,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const { rows } = await db.execute<{
    id: string;
    subscription_id: string;
    message_id: string;
    payload: string;
    attempts: number;
    endpoint: string;
    p256dh: string;
    auth: string;
    message_deleted: boolean;
  }>(sql`
    with due as (
      select id from ${pushDeliveries}
      where status = 'pending' and next_attempt_at <= ${at}::timestamptz
        and (claimed_until is null or claimed_until < ${at}::timestamptz)
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update ${pushDeliveries} d
    set claimed_until = ${until}::timestamptz, attempts = d.attempts + 1
    from due, ${pushSubscriptions} s, ${messages} m
    where d.id = due.id and s.id = d.subscription_id and m.id = d.message_id
    returning d.id, d.subscription_id, d.message_id, d.payload, d.attempts, s.endpoint, s.p256dh, s.auth,
      m.deleted_at is not null as message_deleted`);
  return rows.map((row) => ({
    id: row.id,
    subscriptionId: row.subscription_id,
    messageId: row.message_id,
    payload: row.payload,
    attempts: Number(row.attempts),
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    messageDeleted: row.message_deleted,
  }));
}

export async function markDelivered(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(pushDeliveries)
    .set({ status: 'sent', sentAt: now, claimedUntil: null })
    .where(eq(pushDeliveries.id, id));
}

/** Not sent, for good: given up ('failed'), or its message was deleted for everyone ('dropped'). */
export async function markUnsent(db: Executor, id: string, status: 'failed' | 'dropped'): Promise<void> {
  await db.update(pushDeliveries).set({ status, claimedUntil: null }).where(eq(pushDeliveries.id, id));
}

export async function scheduleRetry(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .update(pushDeliveries)
    .set({ nextAttemptAt: at, claimedUntil: null })
    .where(eq(pushDeliveries.id, id));
}

/** Gives back a claim that was never tried to the end (shutdown): it is due again and the try not counted. */
export async function releaseClaim(db: Executor, id: string): Promise<void> {
  await db
    .update(pushDeliveries)
    .set({ claimedUntil: null, attempts: sql`greatest(${pushDeliveries.attempts} - 1, 0)` })
    .where(and(eq(pushDeliveries.id, id), eq(pushDeliveries.status, 'pending')));
}

/** Finished pushes are kept a day (the unique key guards against sending them twice), then forgotten. */
export async function pruneFinishedDeliveries(db: Executor, before: Date): Promise<void> {
  await db
    .delete(pushDeliveries)
    .where(
      and(
        ne(pushDeliveries.status, 'pending'),
        sql`${pushDeliveries.createdAt} < ${before.toISOString()}::timestamptz`,
      ),
    );
}
