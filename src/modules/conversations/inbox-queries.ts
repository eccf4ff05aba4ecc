// SQL of the inbox: a page of my conversations with their last visible message, unread count, other
// person, my settings for each chat and sync position, in one query. The unread count, the last visible
// message's seq and the conversation's activity are read from my participants row, the member count and
// the sync cursor from the conversation's row, all kept current on write (core/inbox-rows.ts,
// core/membership.ts, core/change-ids.ts): nothing is counted or searched per row. Order: pinned chats
// first (newest pin first), then by last activity; participants_inbox_idx holds exactly that order for each
// list (archived or not), so a page reads its first rows from the cursor on instead of sorting every
// membership, and the joins run for those rows only.
import { and, desc, eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { directPeerSql, keptApartFromSql } from '../../core/blocks.js';
import { currentMembershipsOf } from '../../core/membership.js';
import { profileColumnsFor } from '../../core/privacy.js';
import type { Db, Executor } from '../../db/client.js';
import { type NamedStatement, namedStatement, preparedPerDatabase, runNamed } from '../../db/prepared.js';
import { conversations, messages, participants, users } from '../../db/schema.js';
import { chatSettingsOf } from './settings-queries.js';

const mine = alias(participants, 'mine');
const lastMessage = alias(messages, 'lm');
const otherUser = alias(users, 'ou');

/** The first sort key: when I pinned the chat; unpinned chats sort after every pin (as indexed). */
const pinAt = sql`coalesce(${mine.pinnedAt}, '-infinity'::timestamptz)`;
/** The whole order, the columns of participants_inbox_idx read backwards. */
const inboxOrder = [desc(pinAt), desc(mine.activityAt), desc(mine.conversationId)];
/** A time as exact text, so a cursor keeps microseconds. */
const exactText = (at: SQL) => sql`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A value, or a placeholder for it in a prepared statement. */
type Param<T> = T | Placeholder;

export interface SummaryFilter {
  /** Only this conversation (details of one). */
  conversationId?: Param<string>;
  /** Keyset: strictly after this pin key ('' for unpinned), activity (exact text) and id. */
  before?: { pinKey: Param<string>; activityKey: Param<string>; id: Param<string> };
  /**
   * The archived chats (true) or the others (false); both when absent (details of one). A constant, not
   * a placeholder: each list is its own statement, planned against its own part of the index.
   */
  archived?: boolean;
  /** Leave out direct chats the user deleted for themselves (the inbox does; details do not). */
  omitHidden?: boolean;
  limit: Param<number>;
}

/**
 * The query builder (awaiting it runs it), so its SQL can be rendered and reviewed. A page is the first
 * rows of my part of participants_inbox_idx, each joined to its conversation (which carries the member
 * count and the sync cursor, kept on write), then per row one probe each for the last message I may see
 * (my last_visible_seq, kept on write) and the other person of a direct chat (from the direct key); the
 * blocks between me and anyone are read once per page.
 */
export function selectSummaries(db: Executor, userId: Param<string>, filter: SummaryFilter) {
  const where = currentMembershipsOf(userId, mine);
  if (filter.conversationId) where.push(eq(conversations.id, filter.conversationId));
  if (filter.omitHidden) {
    where.push(sql`(${mine.hiddenAtSeq} is null or ${conversations.lastSeq} > ${mine.hiddenAtSeq})`);
  }
  if (filter.archived !== undefined) {
    // The index's expression, kept whole: `= false` would be rewritten to `archived_at is null`.
    where.push(sql`(${mine.archivedAt} is not null) is ${filter.archived ? sql`true` : sql`false`}`);
  }
  if (filter.before) {
    const { pinKey, activityKey, id } = filter.before;
    where.push(
      sql`(${pinAt}, ${mine.activityAt}, ${mine.conversationId}) < (coalesce(nullif(${pinKey}::text, '')::timestamptz, '-infinity'::timestamptz), ${activityKey}::timestamptz, ${id}::uuid)`,
    );
  }

  // The other person of a direct chat; the block between us decides, with their settings, what of their
  // photo and last seen I see (core/privacy.ts: the direct chat makes us contacts).
  const blocked = sql<boolean>`(${otherUser.id} in ${keptApartFromSql(userId)})`;
  const shown = profileColumnsFor(userId, otherUser, { contacts: true, blocked });

  return db
    .select({
      // What presenting it needs (presentConversationBase), with the figures kept on the row.
      conversation: {
        id: conversations.id,
        type: conversations.type,
        title: conversations.title,
        description: conversations.description,
        image: conversations.image,
        createdAt: conversations.createdAt,
        updatedAt: conversations.updatedAt,
        participantCount: conversations.participantCount,
        lastChangeId: conversations.lastChangeId,
      },
      myRole: mine.role,
      pinKey: sql<string>`coalesce(${exactText(mine.pinnedAt as unknown as SQL)}, '')`,
      activityKey: sql<string>`${exactText(mine.activityAt as unknown as SQL)}`,
      settings: chatSettingsOf(mine as unknown as typeof participants),
      unreadCount: mine.unreadCount,
      lastMessage: {
        id: lastMessage.id,
        senderId: lastMessage.senderId,
        content: lastMessage.content,
        attachmentCount: lastMessage.attachmentCount,
        createdAt: lastMessage.createdAt,
        deletedAt: lastMessage.deletedAt,
      },
      otherUser: {
        id: otherUser.id,
        firstName: otherUser.firstName,
        lastName: otherUser.lastName,
        about: otherUser.about,
        profileImage: shown.profileImage,
        lastSeenAt: shown.lastSeenAt,
      },
    })
    .from(mine)
    .innerJoin(conversations, eq(conversations.id, mine.conversationId))
    .leftJoin(
      lastMessage,
      // By my row's columns: joined through the conversation's id instead, the planner may walk all of
      // the conversation's messages through another index and filter them by seq.
      and(eq(lastMessage.conversationId, mine.conversationId), eq(lastMessage.seq, mine.lastVisibleSeq)),
    )
    .leftJoin(
      otherUser,
      and(
        sql`${conversations.type} = 'direct'`,
        eq(otherUser.id, directPeerSql(conversations.directKey, userId)),
      ),
    )
    .where(and(...where))
    .orderBy(...inboxOrder)
    .limit(filter.limit);
}

export type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

/** Timestamps as text, as Drizzle's driver reads them (its columns turn them into dates): pg's own parser otherwise. */
const TEXT_TIMES = new Set([pg.types.builtins.TIMESTAMPTZ, pg.types.builtins.TIMESTAMP]);
const driverTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    TEXT_TIMES.has(oid) ? (text: string) => text : pg.types.getTypeParser(oid, format),
};

/** A timestamptz column's text as Drizzle's timestamp column maps it. */
const dateOf = (text: unknown) => new Date(text as string);

/** The fields selectSummaries selects, in its order: a page row in array mode has exactly these. */
const SUMMARY_FIELDS = 28;

/**
 * A page row read from the driver in array mode (selectSummaries' fields in their order: Drizzle renders an
 * object's fields as written), mapped as Drizzle maps it. Drizzle's generic mapping checked the kind of
 * every field of every row, about 10 µs a row; this is a tenth of it. GET /conversations/:id reads the same
 * select through Drizzle, and a test holds every list entry equal to its details.
 */
function readSummaryRow(r: unknown[]): SummaryRow {
  const row = {
    conversation: {
      id: r[0],
      type: r[1],
      title: r[2],
      description: r[3],
      image: r[4],
      createdAt: dateOf(r[5]),
      updatedAt: dateOf(r[6]),
      participantCount: r[7],
      lastChangeId: Number(r[8]),
    },
    myRole: r[9],
    pinKey: r[10],
    activityKey: r[11],
    settings: { pinned: r[12], archived: r[13], mutedUntil: r[14] },
    unreadCount: r[15],
    // A left-joined table whose row is missing reads as null, as in Drizzle (their ids are never null).
    lastMessage:
      r[16] === null
        ? null
        : {
            id: r[16],
            senderId: r[17],
            content: r[18],
            attachmentCount: r[19],
            createdAt: dateOf(r[20]),
            deletedAt: r[21] === null ? null : dateOf(r[21]),
          },
    otherUser:
      r[22] === null
        ? null
        : {
            id: r[22],
            firstName: r[23],
            lastName: r[24],
            about: r[25],
            profileImage: r[26],
            lastSeenAt: r[27] === null ? null : dateOf(r[27]),
          },
  };
  return row as SummaryRow;
}

const inboxPages = preparedPerDatabase((db) => {
  const userId = sql.placeholder('userId');
  const limit = sql.placeholder('limit');
  const before = {
    pinKey: sql.placeholder('pinKey'),
    activityKey: sql.placeholder('activityKey'),
    id: sql.placeholder('beforeId'),
  };
  const list = (archived: boolean, name: string) => ({
    first: namedStatement(
      selectSummaries(db, userId, { omitHidden: true, archived, limit }),
      `${name}_first_page`,
    ),
    next: namedStatement(
      selectSummaries(db, userId, { omitHidden: true, archived, limit, before }),
      `${name}_next_page`,
    ),
  });
  return { inbox: list(false, 'inbox'), archived: list(true, 'inbox_archived') };
});

async function runPage(
  db: Db,
  statement: NamedStatement,
  args: Record<string, unknown>,
): Promise<SummaryRow[]> {
  const result = await runNamed<unknown[]>(db, statement, args, { rowMode: 'array', types: driverTypes });
  if (result.fields.length !== SUMMARY_FIELDS) {
    throw new Error(
      `${statement.name}: ${result.fields.length} fields, readSummaryRow reads ${SUMMARY_FIELDS}`,
    );
  }
  return result.rows.map(readSummaryRow);
}

/**
 * A page of GET /conversations, through named statements built once per database handle: no query
 * building per request, PostgreSQL parses each once per connection and may reuse its plan, and the rows
 * are read by readSummaryRow.
 */
export function selectInboxPage(
  db: Db,
  userId: string,
  page: { limit: number; archived: boolean; before?: { pinKey: string; activityKey: string; id: string } },
): Promise<SummaryRow[]> {
  const statements = inboxPages(db)[page.archived ? 'archived' : 'inbox'];
  const { limit } = page;
  if (!page.before) return runPage(db, statements.first, { userId, limit });
  const { pinKey, activityKey, id } = page.before;
  return runPage(db, statements.next, { userId, limit, pinKey, activityKey, beforeId: id });
}
