// The history-visibility rule, in one place: a user sees message seq s of a conversation when one of
// their membership periods has after_seq < s <= coalesce(until_seq, infinity), and they have not hidden
// it for themselves. Every read path (lists, single message, replies, forwards, receipts, unread counts,
// the inbox's last message, real-time recipients, sync) must build on these fragments.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { membershipPeriods, messageHides, messages, participants } from '../db/schema.js';

/**
 * True when `userId` may see the message row `m` (a `messages` alias or the table itself).
 * Correlated EXISTS on the periods primary key: one index probe per candidate row.
 */
export function visibleTo(userId: string | SQL, m: typeof messages = messages): SQL {
  return sql`(exists (
    select 1 from ${membershipPeriods} mp
    where mp.conversation_id = ${m.conversationId}
      and mp.user_id = ${userId}
      and ${m.seq} > mp.after_seq
      and (mp.until_seq is null or ${m.seq} <= mp.until_seq)
  ) and not exists (
    select 1 from ${messageHides} mh where mh.user_id = ${userId} and mh.message_id = ${m.id}
  ))`;
}

/**
 * For scans of one conversation (pagination): the same rule plus index bounds on seq taken from the
 * user's periods, so a page never walks over messages from before they first joined.
 */
export function visibleInConversation(
  userId: string,
  conversationId: string,
  m: typeof messages = messages,
): SQL {
  return sql`${m.conversationId} = ${conversationId}
    and ${m.seq} > (select coalesce(min(after_seq), 9223372036854775806) from ${membershipPeriods}
                    where conversation_id = ${conversationId} and user_id = ${userId})
    and ${visibleTo(userId, m)}`;
}

export interface Period {
  userId: string;
  afterSeq: number;
  untilSeq: number | null;
}

/** The same rule in memory, for deciding recipients of one message from a handful of periods. */
export function periodCovers(period: Period, seq: number): boolean {
  return seq > period.afterSeq && (period.untilSeq === null || seq <= period.untilSeq);
}

/**
 * Current members who may see message `seq` of a conversation (hides aside: they only affect the
 * hider's own view). Former members are left out: every read path answers them 404, so no event of the
 * conversation may reach them either.
 */
export async function usersWhoCanSee(db: Executor, conversationId: string, seq: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: membershipPeriods.userId })
    .from(membershipPeriods)
    .innerJoin(
      participants,
      and(
        eq(participants.conversationId, membershipPeriods.conversationId),
        eq(participants.userId, membershipPeriods.userId),
        isNull(participants.leftAt),
      ),
    )
    .where(
      sql`${membershipPeriods.conversationId} = ${conversationId} and ${membershipPeriods.afterSeq} < ${seq}
        and (${membershipPeriods.untilSeq} is null or ${membershipPeriods.untilSeq} >= ${seq})`,
    );
  return rows.map((row) => row.userId);
}
