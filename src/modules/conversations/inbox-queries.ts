// SQL of the inbox: a page of my conversations with their last visible message, unread count, other
// person and sync position, in one query. The unread count and the last visible message's seq are read
// from my participants row, kept current on write (see core/inbox-rows.ts).
import { and, count, desc, eq, inArray, isNull, max, ne, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { conversations, messages, participants, users } from '../../db/schema.js';

const mine = alias(participants, 'mine');
const lastMessage = alias(messages, 'lm');
const changedMessage = alias(messages, 'cm');
const counted = alias(participants, 'pc');
const other = alias(participants, 'op');
const otherUser = alias(users, 'ou');
const marker = alias(participants, 'pm');

/** The sort key of the inbox: the last activity, as exact text so a cursor keeps microseconds. */
const activityAt = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

/** A value, or a placeholder for it in a prepared statement. */
type Param<T> = T | Placeholder;

export interface SummaryFilter {
  /** Only this conversation (details of one). */
  conversationId?: Param<string>;
  /** Keyset: strictly older than this activity (exact text) and id. */
  before?: { activityKey: Param<string>; id: Param<string> };
  /** Leave out direct chats the user deleted for themselves (the inbox does; details do not). */
  omitHidden?: boolean;
  limit: Param<number>;
}

/** The query builder (awaiting it runs it), so its SQL can be rendered and reviewed. */
export function selectSummaries(db: Executor, userId: Param<string>, filter: SummaryFilter) {
  const otherMember = db
    .select(publicUserColumnsOf(otherUser))
    .from(other)
    .innerJoin(otherUser, eq(otherUser.id, other.userId))
    .where(
      and(
        eq(other.conversationId, conversations.id),
        ne(other.userId, userId),
        sql`${conversations.type} = 'direct'`,
      ),
    )
    .limit(1)
    .as('other_member');

  const participantCount = db
    .select({ n: count() })
    .from(counted)
    .where(and(eq(counted.conversationId, conversations.id), isNull(counted.leftAt)));
  const lastMessageChange = db
    .select({ n: max(changedMessage.changeId) })
    .from(changedMessage)
    .where(eq(changedMessage.conversationId, conversations.id));
  const lastMarkerChange = db
    .select({ n: max(marker.markerChangeId) })
    .from(marker)
    .where(eq(marker.conversationId, conversations.id));

  const where: SQL[] = [eq(mine.userId, userId), isNull(mine.leftAt), isNull(conversations.deletedAt)];
  if (filter.conversationId) where.push(eq(conversations.id, filter.conversationId));
  if (filter.omitHidden) {
    where.push(sql`(${mine.hiddenAtSeq} is null or ${conversations.lastSeq} > ${mine.hiddenAtSeq})`);
  }
  if (filter.before) {
    where.push(
      sql`(${activityAt}, ${conversations.id}) < (${filter.before.activityKey}::timestamptz, ${filter.before.id}::uuid)`,
    );
  }

  // Pick the page first, so the per-row subqueries run for its rows only, not for every conversation.
  const page = db
    .select({ id: conversations.id })
    .from(mine)
    .innerJoin(conversations, eq(conversations.id, mine.conversationId))
    .where(and(...where))
    .orderBy(desc(activityAt), desc(conversations.id))
    .limit(filter.limit);

  return db
    .select({
      conversation: conversations,
      myRole: mine.role,
      activityKey: sql<string>`to_char(${activityAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      unreadCount: mine.unreadCount,
      participantCount: sql<number>`(${participantCount})`.mapWith(Number),
      changeId:
        sql<number>`greatest(coalesce((${lastMessageChange}), 0), coalesce((${lastMarkerChange}), 0))`.mapWith(
          Number,
        ),
      lastMessage: {
        id: lastMessage.id,
        senderId: lastMessage.senderId,
        content: lastMessage.content,
        attachmentCount: lastMessage.attachmentCount,
        createdAt: lastMessage.createdAt,
        deletedAt: lastMessage.deletedAt,
      },
      otherUser: {
        id: otherMember.id,
        firstName: otherMember.firstName,
        lastName: otherMember.lastName,
        about: otherMember.about,
        profileImage: otherMember.profileImage,
        lastSeenAt: otherMember.lastSeenAt,
      },
    })
    .from(mine)
    .innerJoin(conversations, eq(conversations.id, mine.conversationId))
    .leftJoin(
      lastMessage,
      and(eq(lastMessage.conversationId, conversations.id), eq(lastMessage.seq, mine.lastVisibleSeq)),
    )
    .leftJoinLateral(otherMember, sql`true`)
    .where(and(eq(mine.userId, userId), inArray(conversations.id, page)))
    .orderBy(desc(activityAt), desc(conversations.id));
}

function publicUserColumnsOf(table: typeof otherUser) {
  return {
    id: table.id,
    firstName: table.firstName,
    lastName: table.lastName,
    about: table.about,
    profileImage: table.profileImage,
    lastSeenAt: table.lastSeenAt,
  };
}

export type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

const inboxPages = preparedPerDatabase((db) => {
  const userId = sql.placeholder('userId');
  const limit = sql.placeholder('limit');
  const before = { activityKey: sql.placeholder('activityKey'), id: sql.placeholder('beforeId') };
  return {
    first: selectSummaries(db, userId, { omitHidden: true, limit }).prepare('inbox_first_page'),
    next: selectSummaries(db, userId, { omitHidden: true, limit, before }).prepare('inbox_next_page'),
  };
});

/**
 * A page of GET /conversations, through named statements built once per database handle: no query
 * building per request, and PostgreSQL parses each once per connection and may reuse its plan.
 */
export function selectInboxPage(
  db: Db,
  userId: string,
  page: { limit: number; before?: { activityKey: string; id: string } },
): Promise<SummaryRow[]> {
  const pages = inboxPages(db);
  if (!page.before) return pages.first.execute({ userId, limit: page.limit });
  const { activityKey, id } = page.before;
  return pages.next.execute({ userId, limit: page.limit, activityKey, beforeId: id });
}
