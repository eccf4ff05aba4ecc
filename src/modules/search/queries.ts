// SQL of message search: the query's words as the index folds them, and a keyset page of the messages
// that hold every word and that the caller may read now.
import {
  and,
  desc,
  eq,
  getTableColumns,
  gt,
  isNull,
  notInArray,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { currentMembershipsOf } from '../../core/membership.js';
import { visibleTo } from '../../core/visibility.js';
import type { Executor } from '../../db/client.js';
import { conversations, messages, participants, users } from '../../db/schema.js';

/**
 * The words of `q` as documents are indexed: accents removed by the same function, split and lower-cased
 * by the same 'simple' parser. Compound tokens are left out for their parts ("déjà-vu" asks for "deja"
 * and "vu"), so the query finds the words however they were joined.
 */
export async function searchTerms(db: Executor, q: string): Promise<string[]> {
  const result = await db.execute<{ terms: string[] }>(sql`
    select coalesce(array_agg(distinct lexeme), '{}') as terms
    from ts_debug('pg_catalog.simple'::regconfig, chat_search_text(${q})) as token,
         unnest(token.lexemes) as lexeme
    where token.alias not in ('hword', 'asciihword', 'numhword', 'url')`);
  return result.rows[0]?.terms ?? [];
}

/** Every term, matched whole or as a prefix: `'term':* & …` in tsquery syntax (quotes doubled). */
export function prefixQuery(terms: string[]): string {
  return terms.map((term) => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}':*`).join(' & ');
}

export interface SearchFilter {
  userId: string;
  /** prefixQuery of the terms */
  query: string;
  /** One conversation only (named in the statement itself, so its own statistics apply), or all. */
  conversationId: string | null;
  /** With all conversations: leave these out (each is searched on its own, see largeConversations). */
  except?: string[];
  /** Keyset: strictly older than this creation time (exact text) and id. */
  before: [string, string] | null;
  limit: number;
}

const other = alias(participants, 'other_member');
const otherUser = alias(users, 'other_user');

/**
 * What makes a message a hit for the caller: every word, not deleted for everyone, inside one of their
 * membership periods and not hidden for them (visibleTo, the history rule), older than the cursor.
 */
function hitConditions(filter: SearchFilter): SQL[] {
  const where: SQL[] = [
    sql`${messages}.search_vector @@ ${filter.query}::tsquery`,
    isNull(messages.deletedAt),
    visibleTo(filter.userId),
  ];
  if (filter.before) {
    where.push(
      sql`(${messages.createdAt}, ${messages.id}) < (${filter.before[0]}::timestamptz, ${filter.before[1]}::uuid)`,
    );
  }
  return where;
}

/** The conversations searched: the caller's now (or the one asked for), not deleted. */
function searchedConversations(filter: SearchFilter): SQL[] {
  const where = currentMembershipsOf(filter.userId);
  if (filter.conversationId) where.push(eq(participants.conversationId, filter.conversationId));
  if (filter.except && filter.except.length > 0) {
    where.push(notInArray(participants.conversationId, filter.except));
  }
  return where;
}

/**
 * Past this many messages a conversation is searched by a statement of its own (see largeConversations).
 * Below it, even a walk of the whole conversation, the worst the planner can choose, is a few milliseconds.
 */
export const LARGE_CONVERSATION_MESSAGES = 5_000;
/** At most this many conversations get a statement of their own; the rest stay in the shared one. */
const MAX_OWN_STATEMENTS = 8;

/**
 * The caller's largest conversations among those searched (over LARGE_CONVERSATION_MESSAGES messages),
 * largest first. Inside the shared statement a conversation is a parameter of the LATERAL page, so
 * PostgreSQL sizes every one by the column's average (all messages over all conversations): on a server
 * of many small chats a 1,000,000-message group looks like a few hundred messages, and a rare word is
 * sought by reading the whole group instead of asking the GIN index (0.4-0.8 s instead of milliseconds).
 * Named as a constant in a statement of its own, a conversation is sized by its own statistics.
 */
export async function largeConversations(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .where(and(...currentMembershipsOf(userId), gt(conversations.lastSeq, LARGE_CONVERSATION_MESSAGES)))
    .orderBy(desc(conversations.lastSeq))
    .limit(MAX_OWN_STATEMENTS);
  return rows.map((row) => row.id);
}

/** id, type and title; a direct chat has no title, so the other person's name stands for it. */
function conversationColumns(db: Executor, filter: SearchFilter) {
  const otherName = db
    .select({ name: sql<string>`${otherUser.firstName} || ' ' || ${otherUser.lastName}`.as('name') })
    .from(other)
    .innerJoin(otherUser, eq(otherUser.id, other.userId))
    .where(and(eq(other.conversationId, conversations.id), sql`${other.userId} <> ${filter.userId}`))
    .limit(1);
  return {
    id: conversations.id,
    type: conversations.type,
    title: sql<
      string | null
    >`case when ${conversations.type} = 'direct' then (${otherName}) else ${conversations.title} end`,
  };
}

const createdKeyOf = (createdAt: SQLWrapper) =>
  sql<string>`to_char(${createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page of hits, newest first, in one statement: for each conversation the caller searches, its newest
 * hits (a LATERAL page), then the newest of those. Per conversation PostgreSQL picks the cheaper way in
 * from how common the words are: the GIN index on search_vector for a rare or absent word, or a backward
 * walk of messages_conversation_created_idx that stops after a page of hits for a common one. That
 * choice rests on the column's statistics, kept fine-grained (SET STATISTICS 1000 in 0006_search_text):
 * with the default, every word outside the few hundred most common looks alike, and a rare one could
 * be sought by walking a whole long history.
 */
export function selectSearchPage(db: Executor, filter: SearchFilter) {
  const hits = db
    .select({ ...getTableColumns(messages), createdKey: createdKeyOf(messages.createdAt).as('created_key') })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, participants.conversationId),
        // The same conversation, as a constant: PostgreSQL then sizes it by its own statistics.
        ...(filter.conversationId ? [eq(messages.conversationId, filter.conversationId)] : []),
        ...hitConditions(filter),
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(filter.limit)
    .as('hit');
  // The hit's columns as the subquery's (hit.content, …), mapped back to a message row.
  const columns = getTableColumns(messages);
  const message = Object.fromEntries(
    Object.keys(columns).map((key) => [key, hits[key as keyof typeof columns]]),
  ) as { [K in keyof typeof columns]: (typeof hits)[K] };
  return db
    .select({ message, createdKey: hits.createdKey, conversation: conversationColumns(db, filter) })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .innerJoinLateral(hits, sql`true`)
    .where(and(...searchedConversations(filter)))
    .orderBy(desc(hits.createdAt), desc(hits.id))
    .limit(filter.limit);
}

export type SearchRow = Awaited<ReturnType<typeof selectSearchPage>>[number];
