// The change counter every sync cursor compares: one place hands out its next value, and one place keeps
// each conversation's cursor (conversations.last_change_id, the largest id stamped in it) up with it.
import { and, eq, lt, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.js';
import { conversations } from '../db/schema.js';

/**
 * The next value of change_seq, stamped on every message change (create, edit, reaction, delete),
 * marker move and hide. Take it under the conversation row's lock, so change ids commit in order within
 * a conversation, and raise the conversation's last_change_id to it in the same transaction
 * (raiseLastChangeId, or in the same statement where the write is hot).
 */
export const nextChangeId = () => sql`nextval('change_seq')`;

/**
 * The conversation's last_change_id raised to `changeId` (a value or an expression; null raises
 * nothing): an UPDATE, for statements that stamp and raise in one (a CTE).
 */
export function raiseLastChangeSql(
  tx: Executor,
  conversationId: string | SQLWrapper,
  changeId: SQL | number,
) {
  return tx
    .update(conversations)
    .set({ lastChangeId: sql`${changeId}` })
    .where(and(eq(conversations.id, conversationId), lt(conversations.lastChangeId, changeId)));
}

/**
 * Raises the conversation's sync cursor to a change id just stamped in it. Call in the transaction that
 * stamped it, under the conversation lock (the row is already locked: this never waits).
 */
export async function raiseLastChangeId(tx: Tx, conversationId: string, changeId: number): Promise<void> {
  await raiseLastChangeSql(tx, conversationId, changeId);
}
