// SQL of the inbox: a page of my conversations with their last visible message, unread count, other
// person, my settings for each chat and sync position, in one query. The unread count and the last
// visible message's seq are read from my participants row, kept current on write (see
// core/inbox-rows.ts). Order: pinned chats first (newest pin first), then by last activity.
import { and, count, desc, eq, inArray, isNull, max, ne, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { profileColumnsFor } from '../../core/privacy.js';
import type { Db, Executor } from '../../db/client.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { conversations, messages, participants, users } from '../../db/schema.js';
import { chatSettingsOf } from './settings-queries.js';

const mine = alias(participants, 'mine');
const lastMessage = alias(messages, 'lm');
const changedMessage = alias(messages, 'cm');
const counted = alias(participants, 'pc');
const other = alias(participants, 'op');
const otherUser = alias(users, 'ou');
const marker = alias(participants, 'pm');

/** The sort key of the inbox: the last activity, as exact text so a cursor keeps microseconds. */
const activityAt = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;
/** The first sort key: when I pinned the chat; unpinned chats sort after every pin. */
const pinAt = sql`coalesce(${mine.pinnedAt}, '-infinity'::timestamptz)`;
const exactText = (at: SQL) => sql`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A value, or a placeholder for it in a prepared statement. */
type Param<T> = T | Placeholder;

export interface SummaryFilter {
  /** Only this conversation (details of one). */
  conversationId?: Param<string>;
  /** Keyset: strictly after this pin key ('' for unpinned), activity (exact text) and id. */
  before?: { pinKey: Param<string>; activityKey: Param<string>; id: Param<string> };
  /** The archived chats (true) or the others (false); both when absent (details of one). */
  archived?: Param<boolean>;
  /** Leave out direct chats the user deleted for themselves (the inbox does; details do not). */
  omitHidden?: boolean;
  limit: Param<number>;
}

/** The query builder (awaiting it runs it), so its SQL can be rendered and reviewed. */
export function selectSummaries(db: Executor, userId: Param<string>, filter: SummaryFilter) {
  const otherMember = db
    .select(publicUserColumnsOf(otherUser, userId))
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
  if (filter.archived !== undefined) {
    where.push(sql`(${mine.archivedAt} is not null) = ${filter.archived}::boolean`);
  }
  if (filter.before) {
    const { pinKey, activityKey, id } = filter.before;
    where.push(
      sql`(${pinAt}, ${activityAt}, ${conversations.id}) < (coalesce(nullif(${pinKey}::text, '')::timestamptz, '-infinity'::timestamptz), ${activityKey}::timestamptz, ${id}::uuid)`,
    );
  }

  // Pick the page first, so the per-row subqueries run for its rows only, not for every conversation.
  const page = db
    .select({ id: conversations.id })
    .from(mine)
    .innerJoin(conversations, eq(conversations.id, mine.conversationId))
    .where(and(...where))
    .orderBy(desc(pinAt), desc(activityAt), desc(conversations.id))
    .limit(filter.limit);

  return db
    .select({
      conversation: conversations,
      myRole: mine.role,
      pinKey: sql<string>`coalesce(${exactText(mine.pinnedAt as unknown as SQL)}, '')`,
      activityKey: sql<string>`${exactText(activityAt)}`,
      settings: chatSettingsOf(mine as unknown as typeof participants),
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
    .orderBy(desc(pinAt), desc(activityAt), desc(conversations.id));
}

/**
 * The other person of a direct chat, the photo and last seen as I may see them (core/privacy.ts): the
 * chat itself makes us contacts.
 */
function publicUserColumnsOf(table: typeof otherUser, viewerId: Param<string>) {
  const shown = profileColumnsFor(viewerId, table, { contacts: true });
  return {
    id: table.id,
    firstName: table.firstName,
    lastName: table.lastName,
    about: table.about,
    profileImage: shown.profileImage.as('profile_image'),
    lastSeenAt: shown.lastSeenAt.as('last_seen_at'),
  };
}

export type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

const inboxPages = preparedPerDatabase((db) => {
  const userId = sql.placeholder('userId');
  const limit = sql.placeholder('limit');
  const archived = sql.placeholder('archived');
  const before = {
    pinKey: sql.placeholder('pinKey'),
    activityKey: sql.placeholder('activityKey'),
    id: sql.placeholder('beforeId'),
  };
  return {
    first: selectSummaries(db, userId, { omitHidden: true, archived, limit }).prepare('inbox_first_page'),
    next: selectSummaries(db, userId, { omitHidden: true, archived, limit, before }).prepare(
      'inbox_next_page',
    ),
  };
});

/**
 * A page of GET /conversations, through named statements built once per database handle: no query
 * building per request, and PostgreSQL parses each once per connection and may reuse its plan.
 */
export function selectInboxPage(
  db: Db,
  userId: string,
  page: { limit: number; archived: boolean; before?: { pinKey: string; activityKey: string; id: string } },
): Promise<SummaryRow[]> {
  const pages = inboxPages(db);
  const { limit, archived } = page;
  if (!page.before) return pages.first.execute({ userId, limit, archived });
  const { pinKey, activityKey, id } = page.before;
  return pages.next.execute({ userId, limit, archived, pinKey, activityKey, beforeId: id });
}
