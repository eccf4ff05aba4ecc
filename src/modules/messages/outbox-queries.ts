// SQL of the event outbox (see outbox.ts): rows of committed writes whose event may not have gone out.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { eventOutbox, messages } from '../../db/schema.js';
import type { MessageRow } from './queries.js';

export type OutboxEvent = 'message.created' | 'message.updated' | 'message.deleted';

export interface OutboxEntry {
  messageId: string;
  event: OutboxEvent;
}

/** Records, in the write's transaction, that this event is owed (a second record of it is a no-op). */
export async function recordOutboxEvent(tx: Tx, messageId: string, event: OutboxEvent): Promise<void> {
  await tx.insert(eventOutbox).values({ messageId, event }).onConflictDoNothing();
}

/** Whether this event is still owed: its row is deleted once it has been published. */
export async function isOwed(db: Executor, messageId: string, event: OutboxEvent): Promise<boolean> {
  const rows = await db
    .select({ messageId: eventOutbox.messageId })
    .from(eventOutbox)
    .where(and(eq(eventOutbox.messageId, messageId), eq(eventOutbox.event, event)));
  return rows.length > 0;
}

/** The events have gone out: one statement for a whole batch. */
export async function forgetOwed(db: Executor, event: OutboxEvent, messageIds: string[]): Promise<void> {
  await db
    .delete(eventOutbox)
    .where(and(eq(eventOutbox.event, event), inArray(eventOutbox.messageId, messageIds)));
}

/**
 * Claims up to `limit` rows older than `olderThanMs`, oldest first, by stamping them with the current time:
 * another relay skips them (SKIP LOCKED while this statement runs, then because they look new) for the next
 * `olderThanMs`. A relay that dies after claiming leaves them to be claimed again then.
 */
export async function claimStaleOwed(
  db: Executor,
  olderThanMs: number,
  limit: number,
): Promise<OutboxEntry[]> {
  const rows = await db.execute<{ message_id: string; event: OutboxEvent }>(sql`
    update ${eventOutbox} set created_at = now()
    where (message_id, event) in (
      select message_id, event from ${eventOutbox}
      where created_at < now() - make_interval(secs => ${olderThanMs / 1000})
      order by created_at
      limit ${limit}
      for update skip locked
    )
    returning message_id, event`);
  return rows.rows.map((row) => ({ messageId: row.message_id, event: row.event }));
}

export async function findMessage(db: Executor, messageId: string): Promise<MessageRow | null> {
  const [row] = await db.select().from(messages).where(eq(messages.id, messageId));
  return row ?? null;
}
