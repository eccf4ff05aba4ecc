// SQL for read state: each member's read and delivered markers, the periods they are counted over,
// unread counts and the change ids that reconnect sync compares.
import { and, asc, desc, eq, isNull, lte, ne, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { nextChangeId } from '../../core/change-ids.js';
import { conversationActivitySql } from '../../core/inbox-rows.js';
import { readReceiptsShownSql } from '../../core/privacy.js';
import { periodOverlapsSql, unreadBy, visibleTo } from '../../core/visibility.js';
import type { Executor } from '../../db/client.js';
import { type SessionStatement, sessionStatementText } from '../../db/one-trip.js';
import { preparedPerExecutor } from '../../db/prepared.js';
import { conversations, membershipPeriods, messageHides, messages, participants } from '../../db/schema.js';

export interface PeriodReadState {
  userId: string;
  afterSeq: number;
  untilSeq: number | null;
  readSeq: number;
  deliveredSeq: number;
  readAt: Date | null;
  deliveredAt: Date | null;
}

/**
 * Membership periods overlapping seq [minSeq, maxSeq], with each member's markers, leaving one user
 * out: everything needed to compute statuses or receipts for a page in one query. A member's read
 * marker reads as 0 where read receipts between them and the left-out user are off (core/privacy.ts).
 */
export async function selectPeriodsWithReadState(
  db: Executor,
  conversationId: string,
  excludeUserId: string,
  minSeq: number,
  maxSeq: number,
): Promise<PeriodReadState[]> {
  const readsShown = readReceiptsShownSql(conversationId, membershipPeriods.userId, excludeUserId);
  return db
    .select({
      userId: membershipPeriods.userId,
      afterSeq: membershipPeriods.afterSeq,
      untilSeq: membershipPeriods.untilSeq,
      readSeq: sql<number>`case when ${readsShown} then ${participants.readSeq} else 0 end`.mapWith(Number),
      deliveredSeq: participants.deliveredSeq,
      readAt: sql`case when ${readsShown} then ${participants.readAt} end`.mapWith(
        participants.readAt,
      ) as SQL<Date | null>,
      deliveredAt: participants.deliveredAt,
    })
    .from(membershipPeriods)
    .innerJoin(
      participants,
      and(
        eq(participants.conversationId, membershipPeriods.conversationId),
        eq(participants.userId, membershipPeriods.userId),
      ),
    )
    .where(
      and(
        eq(membershipPeriods.conversationId, conversationId),
        ne(membershipPeriods.userId, excludeUserId),
        periodOverlapsSql(membershipPeriods, minSeq, maxSeq),
      ),
    );
}

const readStateOf = (conversationId: string | SQLWrapper, userId: string | SQLWrapper) =>
  and(
    eq(participants.conversationId, conversationId),
    eq(participants.userId, userId),
    isNull(participants.leftAt),
  );

/** One marker move of a batch, as the statement reads it (a JSON array of these is its only parameter). */
export interface BatchedMarkerMove {
  /** Position in the batch. */
  n: number;
  conversation_id: string;
  user_id: string;
  /** "Read up to" (which is delivered too), or null for a delivered marker only. */
  read_seq: number | null;
  delivered_seq: number | null;
}

export interface MarkerMoveResult {
  n: number;
  /** The conversation exists and is not deleted. */
  found: boolean;
  /** The member's row moved in this batch (one of its moves, or several merged, went forward). */
  moved: boolean;
  /**
   * When it moved: the lower of its two markers before, and the higher after. The messages after the
   * first, up to the second, are those whose ticks may have changed.
   */
  moved_from: number | null;
  moved_to: number | null;
  in_group: boolean | null;
}

/** Messages counted for a member's inbox row, correlated to the row being updated (p). */
const im = alias(messages, 'im');
const member = sql.raw('p.user_id');
const movedTo = sql.raw('w.read_to');
const readMoves = sql`w.read_to > p.read_seq`;

/**
 * A batch of marker moves (acks, reads, history and sync reads marking delivery), in one statement; run it
 * right after the lock statement of the batch's conversations (send-queries.ts), so it sees every change
 * committed before the locks were granted. The moves of one member are merged: each marker goes to the
 * furthest seq asked for, never back, and a read marker carries the delivered one with it. A row that moves gets one new change id; a
 * member whose read marker moved gets their inbox row recomputed by the unread and visibility rule, as
 * refreshInboxRows does. Each conversation's sync cursor (last_change_id) rises to the newest change id
 * stamped in it. Nothing moves in a deleted conversation, nor for someone who left. A row that moved
 * answers where its markers stood before and after, so its announcement goes to those whose ticks may
 * have changed.
 */
export const markerBatchStatement: SessionStatement = {
  name: 'chat_marker_batch',
  types: ['jsonb'],
  text: sessionStatementText(sql`
    with input as (
      select * from jsonb_to_recordset($1) as i(
        n int, conversation_id uuid, user_id uuid, read_seq bigint, delivered_seq bigint)
    ),
    wanted as (
      select i.conversation_id, i.user_id, max(i.read_seq) as read_to,
        greatest(max(i.delivered_seq), max(i.read_seq)) as delivered_to,
        -- Where the row's markers stood (the statement's snapshot: before the update below).
        min(least(o.read_seq, o.delivered_seq)) as moved_from
      from input i
      join ${conversations} c on c.id = i.conversation_id and c.deleted_at is null
      left join ${participants} o
        on o.conversation_id = i.conversation_id and o.user_id = i.user_id and o.left_at is null
      group by i.conversation_id, i.user_id
    ),
    moved as (
      update ${participants} p
      set read_seq = case when ${readMoves} then w.read_to else p.read_seq end,
        read_at = case when ${readMoves} then now() else p.read_at end,
        delivered_seq = case when w.delivered_to > p.delivered_seq then w.delivered_to else p.delivered_seq end,
        delivered_at = case when w.delivered_to > p.delivered_seq then now() else p.delivered_at end,
        marker_change_id = ${nextChangeId()},
        unread_count = case when ${readMoves} then (
          select count(*) from ${messages} im
          where im.conversation_id = p.conversation_id
            and ${unreadBy(member, movedTo, im as unknown as typeof messages)}
        ) else p.unread_count end,
        last_visible_seq = case when ${readMoves} then (
          select im.seq from ${messages} im
          where im.conversation_id = p.conversation_id and ${visibleTo(member, im as unknown as typeof messages)}
          order by im.seq desc limit 1
        ) else p.last_visible_seq end,
        activity_at = case when ${readMoves} then ${conversationActivitySql(sql.raw('p.conversation_id'))}
          else p.activity_at end
      from wanted w
      where p.conversation_id = w.conversation_id and p.user_id = w.user_id and p.left_at is null
        and (${readMoves} or w.delivered_to > p.delivered_seq)
      returning p.conversation_id, p.user_id, p.marker_change_id, w.moved_from,
        greatest(p.read_seq, p.delivered_seq) as moved_to
    ),
    raised as (
      update ${conversations} c set last_change_id = r.change_id
      from (select conversation_id, max(marker_change_id) as change_id from moved group by conversation_id) r
      where c.id = r.conversation_id and c.last_change_id < r.change_id
    )
    select i.n, c.id is not null as found, m.user_id is not null as moved, m.moved_from::float8 as moved_from,
      m.moved_to::float8 as moved_to, c.type = 'group' as in_group
    from input i
    left join ${conversations} c on c.id = i.conversation_id and c.deleted_at is null
    left join moved m on m.conversation_id = i.conversation_id and m.user_id = i.user_id
    order by i.n`),
};

/** What POST /read answers, read after the move: the unread count by the rule, and what "read up to" points at. */
export interface ReadAnswer {
  unreadCount: number;
  lastReadMessageId: string | null;
}

const readAnswerStatement = preparedPerExecutor((db) => {
  const lastRead = lastVisibleAtOrBefore(db, participants.readSeq, 'last_read', undefined);
  return db
    .select({ unreadCount: participants.unreadCount, lastReadMessageId: lastRead.id })
    .from(participants)
    .leftJoinLateral(lastRead, sql`true`)
    .where(readStateOf(sql.placeholder('conversationId'), sql.placeholder('userId')))
    .limit(1)
    .prepare('read_answer');
});

/**
 * The member's unread count (kept on their row by the unread rule on every write, core/inbox-rows.ts:
 * the move that led here has just recomputed it) and the message their read marker points at, in one
 * round trip; null when they are not a member. Named, as selectReadState: planning it cost more than
 * running it.
 */
export async function selectReadAnswer(
  db: Executor,
  conversationId: string,
  userId: string,
): Promise<ReadAnswer | null> {
  const [row] = await readAnswerStatement(db).execute({ conversationId, userId });
  return row ?? null;
}

/**
 * The newest message at or before a marker that its owner (and the viewer, when given) may see: what
 * "read up to" points at. A late joiner must not learn the id of a message from before they joined.
 * A lateral join, not a select-list subquery: Drizzle leaves select-list columns of a single-table
 * query unqualified, which would make the correlation ambiguous.
 */
function lastVisibleAtOrBefore(
  db: Executor,
  marker: typeof participants.readSeq,
  name: string,
  viewerId: string | SQLWrapper | undefined,
) {
  return db
    .select({ id: messages.id, seq: messages.seq })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, participants.conversationId),
        lte(messages.seq, marker),
        visibleTo(sql`${participants.userId}`),
        viewerId === undefined ? undefined : visibleTo(viewerId),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(1)
    .as(name);
}

/**
 * The viewer's messages that were withheld from the member (sent while the member had blocked the
 * viewer, decision 0011) and that the member's markers have passed: their ticks must not count the
 * member, though the markers are past them. Empty while the markers are below them, so it tells the
 * viewer nothing the markers and receipts do not; empty without a viewer.
 */
function withheldBehindMarkers(db: Executor, viewerId: string | SQLWrapper | undefined) {
  return db
    .select({
      ids: sql<string[]>`coalesce(array_agg(${messages.id} order by ${messages.seq}), '{}')`.as(
        'withheld_ids',
      ),
    })
    .from(messageHides)
    .innerJoin(messages, eq(messages.id, messageHides.messageId))
    .where(
      and(
        eq(messageHides.userId, participants.userId),
        sql`${messageHides.withheld}`,
        eq(messages.conversationId, participants.conversationId),
        viewerId === undefined ? sql`false` : eq(messages.senderId, viewerId),
        lte(messages.seq, sql`greatest(${participants.readSeq}, ${participants.deliveredSeq})`),
      ),
    )
    .as('withheld');
}

/**
 * Members' read states; with `viewerId`, as that viewer may see them: the ids only of messages they
 * may see too, no read marker of another member where read receipts between the two are off
 * (core/privacy.ts), and the viewer's messages each member's markers passed without counting.
 */
function readStatesQuery(db: Executor, viewerId?: string | SQLWrapper) {
  const lastRead = lastVisibleAtOrBefore(db, participants.readSeq, 'last_read', viewerId);
  const lastDelivered = lastVisibleAtOrBefore(db, participants.deliveredSeq, 'last_delivered', viewerId);
  const withheld = withheldBehindMarkers(db, viewerId);
  const readsShown =
    viewerId === undefined
      ? sql`true`
      : sql`(${participants.userId} = ${viewerId} or ${readReceiptsShownSql(participants.conversationId, participants.userId, viewerId)})`;
  return db
    .select({
      userId: participants.userId,
      readAt: sql`case when ${readsShown} then ${participants.readAt} end`.mapWith(
        participants.readAt,
      ) as SQL<Date | null>,
      deliveredAt: participants.deliveredAt,
      lastReadMessageId: lastRead.id,
      lastDeliveredMessageId: lastDelivered.id,
      lastReadSeq: lastRead.seq,
      lastDeliveredSeq: lastDelivered.seq,
      withheldMessageIds: withheld.ids,
    })
    .from(participants)
    .leftJoinLateral(lastRead, readsShown)
    .leftJoinLateral(lastDelivered, sql`true`)
    .leftJoinLateral(withheld, sql`true`);
}

/** Every current member's markers, with the message ids they point at as `viewerId` may see them, in one query. */
export function selectReadStates(db: Executor, conversationId: string, viewerId: string) {
  return readStatesQuery(db, viewerId)
    .where(and(eq(participants.conversationId, conversationId), isNull(participants.leftAt)))
    .orderBy(asc(participants.userId));
}

export type ReadStateRow = Awaited<ReturnType<typeof selectReadStates>>[number];

const readStateStatement = (viewer: SQLWrapper | undefined, name: string) =>
  preparedPerExecutor((db) =>
    readStatesQuery(db, viewer)
      .where(
        and(
          eq(participants.conversationId, sql.placeholder('conversationId')),
          eq(participants.userId, sql.placeholder('userId')),
        ),
      )
      .limit(1)
      .prepare(name),
  );

const readStateStatements = {
  plain: readStateStatement(undefined, 'read_state'),
  forViewer: readStateStatement(sql.placeholder('viewerId'), 'read_state_for_viewer'),
};

/**
 * One member's read state (for receipt.updated); with `viewerId`, pointing only at messages that viewer
 * may see too. Named (one text with a viewer, one without) and built once per database handle: every
 * announced marker move asks it, and planning its lateral joins took longer than running them, so each
 * pool connection plans it once, and a call builds no SQL.
 */
export async function selectReadState(
  db: Executor,
  conversationId: string,
  userId: string,
  viewerId?: string,
) {
  const [row] =
    viewerId === undefined
      ? await readStateStatements.plain(db).execute({ conversationId, userId })
      : await readStateStatements.forViewer(db).execute({ conversationId, userId, viewerId });
  return row ?? null;
}

/**
 * The conversation's latest change id (messages created, edited or deleted, markers moved), kept on its
 * row: the same figure the inbox shows as syncCursor.
 */
export async function latestChangeId(db: Executor, conversationId: string): Promise<number> {
  const [row] = await db
    .select({ n: conversations.lastChangeId })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return row?.n ?? 0;
}
