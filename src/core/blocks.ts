// Blocking, in one place: whether two people are kept apart (either one blocked the other), as SQL for
// queries that decide per row and as lookups for services. A block keeps them apart both ways for
// presence, typing, last seen and photos; the directions differ only for direct chats and group adds
// (see the callers).
import { and, eq, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { conversations, userBlocks } from '../db/schema.js';

type UserRef = string | SQLWrapper;

/** True when either user blocked the other. Two primary-key probes. */
export function blockedEitherWaySql(a: UserRef, b: UserRef): SQL {
  return sql`exists (
    select 1 from ${userBlocks} ub
    where (ub.blocker_id = ${a} and ub.blocked_id = ${b}) or (ub.blocker_id = ${b} and ub.blocked_id = ${a})
  )`;
}

export interface BlockBetween {
  /** `a` blocked `b`. */
  aBlockedB: boolean;
  /** `b` blocked `a`. */
  bBlockedA: boolean;
}

/** Both directions of the block between two users. */
export async function findBlockBetween(db: Executor, a: string, b: string): Promise<BlockBetween> {
  const rows = await db
    .select({ blockerId: userBlocks.blockerId })
    .from(userBlocks)
    .where(
      or(
        and(eq(userBlocks.blockerId, a), eq(userBlocks.blockedId, b)),
        and(eq(userBlocks.blockerId, b), eq(userBlocks.blockedId, a)),
      ),
    );
  return {
    aBlockedB: rows.some((row) => row.blockerId === a),
    bBlockedA: rows.some((row) => row.blockerId === b),
  };
}

/**
 * The users kept apart from `userId` by a block in either direction, as a subquery that does not depend
 * on the row: PostgreSQL runs it once per statement (two index scans), so a query that tests many rows
 * against it (`x in (...)`) probes no index per row.
 */
export function keptApartFromSql(userId: UserRef): SQL {
  return sql`(select blocked_id from ${userBlocks} where blocker_id = ${userId}
    union all select blocker_id from ${userBlocks} where blocked_id = ${userId})`;
}

/**
 * The other person of a direct chat, read from its direct_key ("<smaller id>:<larger id>", written when
 * the chat is created and never changed) as `userId`, one of the two, sees it.
 */
export function directPeerSql(directKey: SQLWrapper, userId: UserRef): SQL {
  return sql`(case when split_part(${directKey}, ':', 1) = ${userId}::text
    then split_part(${directKey}, ':', 2) else split_part(${directKey}, ':', 1) end)::uuid`;
}

export interface DirectChatBlock {
  /** The other person of the direct chat. */
  peerId: string;
  userBlockedPeer: boolean;
  peerBlockedUser: boolean;
}

/**
 * For a direct chat that `userId` belongs to: the other person (`peer_id`) and the block between them
 * (`user_blocked_peer`, `peer_blocked_user`), as one row; no row for a group, or a conversation `userId` is
 * not part of. A subquery, for findDirectChatBlock and for statements that decide this per row (a batch of
 * sends joins it laterally, with column references for both ids).
 */
export function directChatBlockSql(conversationId: UserRef, userId: UserRef): SQL {
  return sql`
    select d.peer_id,
      exists (select 1 from ${userBlocks} where blocker_id = ${userId} and blocked_id = d.peer_id) as user_blocked_peer,
      exists (select 1 from ${userBlocks} where blocker_id = d.peer_id and blocked_id = ${userId}) as peer_blocked_user
    from (
      select ${directPeerSql(sql`c.direct_key`, userId)} as peer_id
      from ${conversations} c
      where c.id = ${conversationId} and c.type = 'direct'
        and ${userId}::text in (split_part(c.direct_key, ':', 1), split_part(c.direct_key, ':', 2))
    ) d`;
}

/**
 * For a direct chat that `userId` belongs to: the other person and the block between them, in one
 * query. Null for a group, or a conversation `userId` is not part of.
 */
export async function findDirectChatBlock(
  db: Executor,
  conversationId: string,
  userId: string,
): Promise<DirectChatBlock | null> {
  const rows = await db.execute<{
    peer_id: string;
    user_blocked_peer: boolean;
    peer_blocked_user: boolean;
  }>(directChatBlockSql(conversationId, userId));
  const row = rows.rows[0];
  if (!row) return null;
  return {
    peerId: row.peer_id,
    userBlockedPeer: row.user_blocked_peer,
    peerBlockedUser: row.peer_blocked_user,
  };
}
