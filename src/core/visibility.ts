// The history-visibility rule, in one place: a user sees message seq s of a conversation when one of
// their membership periods has after_seq < s <= coalesce(until_seq, infinity), and they have not hidden
// it for themselves. The period condition is written once for SQL (periodCoversSql) and once in memory
// (periodCovers); every other form here is built from those, and test/messages/visibility-rule.test.ts holds
// all of them, the unread count included, to the same answers. Every read path (lists, single message, replies,
// forwards, receipts, unread counts, the inbox's last message, real-time recipients, sync) builds on them.
import { and, eq, isNull, ne, notExists, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { preparedPerExecutor } from '../db/prepared.js';
import { membershipPeriods, messageHides, messages, participants } from '../db/schema.js';

export interface Period {
  userId: string;
  afterSeq: number;
  untilSeq: number | null;
}

/** The period (after_seq, until_seq] holds seq: the rule, in memory. */
export function periodCovers(period: Omit<Period, 'userId'>, seq: number): boolean {
  return seq > period.afterSeq && (period.untilSeq === null || seq <= period.untilSeq);
}

type Seq = SQLWrapper | number;
interface PeriodColumns {
  afterSeq: SQLWrapper;
  untilSeq: SQLWrapper;
}

/** The period (after_seq, until_seq] holds seq: the rule, in SQL. */
export function periodCoversSql(period: PeriodColumns, seq: Seq): SQL {
  return sql`(${seq} > ${period.afterSeq} and (${period.untilSeq} is null or ${seq} <= ${period.untilSeq}))`;
}

/** The period may hold some seq of [minSeq, maxSeq] (a prefilter: periodCovers decides each one). */
export function periodOverlapsSql(period: PeriodColumns, minSeq: Seq, maxSeq: Seq): SQL {
  return sql`(${period.afterSeq} < ${maxSeq} and (${period.untilSeq} is null or ${period.untilSeq} >= ${minSeq}))`;
}

/** The rule over a user's periods: some period holds seq. */
export function periodsCover(periods: Omit<Period, 'userId'>[], seq: number): boolean {
  return periods.some((period) => periodCovers(period, seq));
}

const mp = { afterSeq: sql.raw('mp.after_seq'), untilSeq: sql.raw('mp.until_seq') };

/** Some period of the user in the conversation holds seq: an EXISTS on the periods primary key. */
function periodHoldsSql(conversationId: SQLWrapper, userId: string | SQLWrapper, seq: Seq): SQL {
  return sql`exists (
    select 1 from ${membershipPeriods} mp
    where mp.conversation_id = ${conversationId}
      and mp.user_id = ${userId}
      and ${periodCoversSql(mp, seq)}
  )`;
}

/**
 * True when `userId` may see the message row `m` (a `messages` alias or the table itself).
 * Correlated EXISTS on the periods primary key: one index probe per candidate row.
 */
export function visibleTo(userId: string | SQLWrapper, m: typeof messages = messages): SQL {
  return sql`(${periodHoldsSql(m.conversationId, userId, m.seq)} and not exists (
    select 1 from ${messageHides} mh where mh.user_id = ${userId} and mh.message_id = ${m.id}
  ))`;
}

/**
 * Unread: a message from someone else after the reader's read marker, not deleted, that the reader may
 * see. The one definition: POST /read counts with it, and the inbox rows apply it to a `messages` alias
 * with correlated member columns (unreadBy(participants.userId, participants.readSeq, m)).
 */
export function unreadBy(
  userId: string | SQLWrapper,
  readSeq: number | SQLWrapper,
  m: typeof messages = messages,
): SQL {
  return and(sql`${m.seq} > ${readSeq}`, ne(m.senderId, userId), isNull(m.deletedAt), visibleTo(userId, m))!;
}

/** The same unread rule in memory, over the reader's periods and hides. */
export function isUnread(
  reader: { userId: string; readSeq: number; periods: Omit<Period, 'userId'>[]; hidden: Set<string> },
  message: { id: string; seq: number; senderId: string; deletedAt: Date | null },
): boolean {
  return (
    message.seq > reader.readSeq &&
    message.senderId !== reader.userId &&
    message.deletedAt === null &&
    !reader.hidden.has(message.id) &&
    periodsCover(reader.periods, message.seq)
  );
}

/**
 * For scans of one conversation (pagination): the same rule plus index bounds on seq taken from the
 * user's periods, so a page never walks over messages from before they first joined.
 */
export function visibleInConversation(
  userId: string | SQLWrapper,
  conversationId: string | SQLWrapper,
  m: typeof messages = messages,
): SQL {
  return sql`${m.conversationId} = ${conversationId}
    and ${m.seq} > (select coalesce(min(after_seq), 9223372036854775806) from ${membershipPeriods}
                    where conversation_id = ${conversationId} and user_id = ${userId})
    and ${visibleTo(userId, m)}`;
}

/**
 * Current members who may see message `seq` of a conversation (hides aside: they only affect the
 * hider's own view). Former members are left out: every read path answers them 404, so no event of the
 * conversation may reach them either. As a subquery (one `user_id` column), for queries that narrow it.
 */
export function usersWhoCanSeeQuery(
  db: Executor,
  conversationId: string | SQLWrapper,
  seq: number | SQLWrapper,
  narrower?: SQL,
) {
  return db
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
      and(
        eq(membershipPeriods.conversationId, conversationId),
        periodCoversSql(membershipPeriods, seq),
        narrower,
      ),
    );
}

/**
 * The current members, each with whether they may see every seq of `seqs` (hides aside, as
 * usersWhoCanSeeQuery): one round trip for what the member list and usersWhoCanSeeQuery per seq would
 * take in several. With `among`, only `among.userId` and the members who sent a message with a seq after
 * `sentAfter`, up to `sentUpTo` (a range scan of the conversation's seqs). Named per number of seqs and
 * form (a statement's text must not change under its name), built once per database handle, so each pool
 * connection plans it once and a call builds no SQL: every marker move that is announced asks it.
 */
export async function membersSeeingAll(
  db: Executor,
  conversationId: string,
  seqs: number[],
  among?: { userId: string; sentAfter: number; sentUpTo: number },
): Promise<{ userId: string; seesAll: boolean }[]> {
  const args: Record<string, unknown> = { conversationId, ...among };
  seqs.forEach((seq, i) => {
    args[`seq${i}`] = seq;
  });
  return membersSeeingStatement(seqs.length, among !== undefined)(db).execute(args);
}

function buildMembersSeeing(db: Executor, seqCount: number, narrowed: boolean, name: string) {
  const conversationId = sql.placeholder('conversationId');
  const covers = Array.from({ length: seqCount }, (_, i) =>
    periodHoldsSql(participants.conversationId, participants.userId, sql.placeholder(`seq${i}`)),
  );
  const senders = narrowed
    ? sql`(${participants.userId} = ${sql.placeholder('userId')} or ${participants.userId} in (
        select sm.sender_id from ${messages} sm
        where sm.conversation_id = ${conversationId} and sm.seq > ${sql.placeholder('sentAfter')}
          and sm.seq <= ${sql.placeholder('sentUpTo')}))`
    : undefined;
  return db
    .select({
      userId: participants.userId,
      seesAll: (covers.length === 0 ? sql`true` : sql`(${sql.join(covers, sql` and `)})`).mapWith(Boolean),
    })
    .from(participants)
    .where(and(eq(participants.conversationId, conversationId), isNull(participants.leftAt), senders))
    .prepare(name);
}

/** membersSeeingAll's statements, one per number of seqs and form, each built once per database handle. */
const membersSeeing = new Map<string, (db: Executor) => ReturnType<typeof buildMembersSeeing>>();

function membersSeeingStatement(seqCount: number, narrowed: boolean) {
  const name = `members_seeing_${seqCount}${narrowed ? '_senders' : ''}`;
  let statement = membersSeeing.get(name);
  if (!statement) {
    statement = preparedPerExecutor((db) => buildMembersSeeing(db, seqCount, narrowed, name));
    membersSeeing.set(name, statement);
  }
  return statement;
}

/**
 * Current members who may see this message now: usersWhoCanSeeQuery without those who hid it for themselves
 * or from whom it was withheld (a blocked sender). The audience of every event about one message.
 */
export async function usersWhoCanSeeMessage(
  db: Executor,
  message: { id: string; conversationId: string; seq: number },
): Promise<string[]> {
  const rows = await usersWhoCanSeeMessageQuery(db, message);
  return rows.map((row) => row.userId);
}

/**
 * The members of usersWhoCanSeeMessage as a subquery (one `user_id` column), for queries that narrow it.
 * The message's fields may be placeholders, for a prepared statement.
 */
export function usersWhoCanSeeMessageQuery(
  db: Executor,
  message: { id: string | SQLWrapper; conversationId: string | SQLWrapper; seq: number | SQLWrapper },
) {
  const hidden = db
    .select({ one: sql`1` })
    .from(messageHides)
    .where(and(eq(messageHides.messageId, message.id), eq(messageHides.userId, membershipPeriods.userId)));
  return usersWhoCanSeeQuery(db, message.conversationId, message.seq, notExists(hidden));
}
