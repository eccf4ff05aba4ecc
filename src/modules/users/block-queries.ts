// SQL of the block list: add, remove, and a page of the people I blocked, newest first.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { userBlocks, users } from '../../db/schema.js';
import { publicUserColumnsFor } from './queries.js';

/** Blocks `blockedId`; blocking twice keeps the first time. Returns when the block started. */
export async function insertBlock(db: Executor, blockerId: string, blockedId: string): Promise<Date> {
  const [row] = await db
    .insert(userBlocks)
    .values({ blockerId, blockedId })
    .onConflictDoUpdate({
      target: [userBlocks.blockerId, userBlocks.blockedId],
      set: { createdAt: sql`${userBlocks.createdAt}` },
    })
    .returning({ createdAt: userBlocks.createdAt });
  return row!.createdAt;
}

export async function deleteBlock(db: Executor, blockerId: string, blockedId: string): Promise<boolean> {
  const rows = await db
    .delete(userBlocks)
    .where(and(eq(userBlocks.blockerId, blockerId), eq(userBlocks.blockedId, blockedId)))
    .returning({ blockedId: userBlocks.blockedId });
  return rows.length > 0;
}

/** Keyset position in the block list: when the block started (exact text), the blocked user's id. */
export type BlockKey = [string, string];

/** A page of the people `blockerId` blocked (deactivated accounts left out), newest block first. */
export async function listBlockedPage(
  db: Executor,
  blockerId: string,
  page: { after: BlockKey | null; limit: number },
) {
  const blockedAtKey = sql<string>`to_char(${userBlocks.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const after = page.after
    ? sql`(${userBlocks.createdAt}, ${userBlocks.blockedId}) < (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)`
    : undefined;
  return db
    .select({ blockedAt: userBlocks.createdAt, blockedAtKey, user: publicUserColumnsFor(blockerId) })
    .from(userBlocks)
    .innerJoin(users, eq(users.id, userBlocks.blockedId))
    .where(and(eq(userBlocks.blockerId, blockerId), isNull(users.deactivatedAt), after))
    .orderBy(desc(userBlocks.createdAt), desc(userBlocks.blockedId))
    .limit(page.limit);
}

export type BlockedRow = Awaited<ReturnType<typeof listBlockedPage>>[number];
