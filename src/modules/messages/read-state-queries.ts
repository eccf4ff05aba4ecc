// SQL for read state: each member's read and delivered markers, the periods they are counted over,
// unread counts and the change ids that reconnect sync compares.
import { and, asc, count, desc, eq, isNull, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { nextChangeId, raiseLastChangeSql } from '../../core/change-ids.js';
import { readReceiptsShownSql } from '../../core/privacy.js';
import { periodOverlapsSql, unreadBy, visibleTo } from '../../core/visibility.js';
import type { Executor } from '../../db/client.js';
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

export interface ReadSeqs {
  readSeq: number;
  deliveredSeq: number;
  readAt: Date | null;
  deliveredAt: Date | null;
}

const readSeqColumns = {
  readSeq: participants.readSeq,
  deliveredSeq: participants.deliveredSeq,
  readAt: participants.readAt,
  deliveredAt: participants.deliveredAt,
};

const readStateOf = (conversationId: string, userId: string) =>
  and(
    eq(participants.conversationId, conversationId),
    eq(participants.userId, userId),
    isNull(participants.leftAt),
  );

/**
 * A marker move (an UPDATE of the member's row that stamps a new marker change id) and the raise of the
 * conversation's last_change_id to that id, in one statement: no round trip more than the move itself.
 * Named (`statement`), so each connection plans it once.
 */
async function moveMarker(
  db: Executor,
  statement: string,
  conversationId: string,
  userId: string,
  set: PgUpdateSetSource<typeof participants>,
  onlyIf: SQL,
): Promise<ReadSeqs | null> {
  const moved = db.$with('moved_marker').as(
    db
      .update(participants)
      .set({ ...set, markerChangeId: nextChangeId() })
      .where(and(readStateOf(conversationId, userId), onlyIf))
      .returning({ ...readSeqColumns, changeId: participants.markerChangeId }),
  );
  const raised = db.$with('raised_change').as(
    raiseLastChangeSql(db, conversationId, sql`(select marker_change_id from moved_marker)`).returning({
      id: conversations.id,
    }),
  );
  const [row] = await db
    .with(moved, raised)
    .select({
      readSeq: moved.readSeq,
      deliveredSeq: moved.deliveredSeq,
      readAt: moved.readAt,
      deliveredAt: moved.deliveredAt,
    })
    .from(moved)
    .prepare(statement)
    .execute();
  return row ?? null;
}

/** Moves the delivered marker forward to `seq`; null when it already was there (nothing changed). */
export async function moveDeliveredSeq(
  db: Executor,
  conversationId: string,
  userId: string,
  seq: number,
): Promise<ReadSeqs | null> {
  return moveMarker(
    db,
    'chat_move_delivered',
    conversationId,
    userId,
    { deliveredSeq: seq, deliveredAt: sql`now()` },
    lt(participants.deliveredSeq, seq),
  );
}

/** Moves the read marker (and the delivered one with it) forward to `seq`; null when nothing moved. */
export async function moveReadSeq(
  db: Executor,
  conversationId: string,
  userId: string,
  seq: number,
): Promise<ReadSeqs | null> {
  return moveMarker(
    db,
    'chat_move_read',
    conversationId,
    userId,
    {
      readSeq: seq,
      readAt: sql`now()`,
      deliveredSeq: sql`greatest(${participants.deliveredSeq}, ${seq})`,
      deliveredAt: sql`case when ${participants.deliveredSeq} < ${seq} then now() else ${participants.deliveredAt} end`,
    },
    lt(participants.readSeq, seq),
  );
}

export async function findReadSeqs(
  db: Executor,
  conversationId: string,
  userId: string,
): Promise<ReadSeqs | null> {
  const [row] = await db.select(readSeqColumns).from(participants).where(readStateOf(conversationId, userId));
  return row ?? null;
}

export async function countUnread(
  db: Executor,
  userId: string,
  conversationId: string,
  readSeq: number,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), unreadBy(userId, readSeq)));
  return Number(row?.n ?? 0);
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
  viewerId: string | undefined,
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
function withheldBehindMarkers(db: Executor, viewerId: string | undefined) {
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
function readStatesQuery(db: Executor, viewerId?: string) {
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

/**
 * One member's read state (for receipt.updated and POST /read); with `viewerId`, pointing only at
 * messages that viewer may see too.
 */
export async function selectReadState(
  db: Executor,
  conversationId: string,
  userId: string,
  viewerId?: string,
) {
  const [row] = await readStatesQuery(db, viewerId)
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)))
    .limit(1);
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
