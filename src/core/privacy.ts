// Privacy rules, in one place: who may see someone's presence and last seen, their profile photo, their
// read receipts, and who may add them to a group. Each rule is one SQL fragment that queries embed (the
// inbox stays one query) or that the lookups below run; none is written twice.
//
// - A contact is someone you share a direct conversation with.
// - Presence and last seen reach people who share a live conversation with you (contacts only, or
//   nobody, per `lastSeen`), never across a block in either direction.
// - The profile photo reaches anyone, contacts only, or nobody (`profilePhoto`), never across a block.
// - Read receipts in a direct chat show only while both people keep `readReceipts` on; groups keep them.
// - `groupAdd: contacts` refuses group adds by non-contacts; a block refuses them both ways.
import { and, type Column, eq, inArray, isNull, ne, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../db/client.js';
import { GroupCommit } from '../db/group-commit.js';
import { preparedPerDatabase } from '../db/prepared.js';
import { conversations, participants, users } from '../db/schema.js';
import { blockedEitherWaySql } from './blocks.js';

export const AUDIENCES = ['everyone', 'contacts', 'nobody'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const GROUP_ADD_AUDIENCES = ['everyone', 'contacts'] as const;
export type GroupAddAudience = (typeof GROUP_ADD_AUDIENCES)[number];

type UserRef = string | SQLWrapper;

/** The columns of a users row (the table or an alias) the rules read. */
export interface SubjectColumns {
  id: SQLWrapper;
  privacyLastSeen: SQLWrapper;
  privacyProfilePhoto: SQLWrapper;
}

/** `a` and `b` share a direct conversation: one probe of the unique direct_key index. */
export function isContactSql(a: UserRef, b: UserRef): SQL {
  return sql`exists (
    select 1 from ${conversations} dc
    where dc.direct_key = least(${a}::uuid, ${b}::uuid)::text || ':' || greatest(${a}::uuid, ${b}::uuid)::text
      and dc.deleted_at is null
  )`;
}

/** `a` and `b` are both current members of some live conversation. */
export function sharesConversationSql(a: UserRef, b: UserRef): SQL {
  return sql`exists (
    select 1 from ${participants} pa
    join ${participants} pb on pb.conversation_id = pa.conversation_id and pb.user_id = ${b} and pb.left_at is null
    join ${conversations} sc on sc.id = pa.conversation_id and sc.deleted_at is null
    where pa.user_id = ${a} and pa.left_at is null
  )`;
}

/**
 * What the caller already knows of the pair: `contacts` when the query reads a direct chat between them
 * (the inbox), which spares the lookups that would find the same; `blocked` when the query has probed
 * the block between them once already (blockedEitherWaySql, e.g. as a column), so the photo and last
 * seen rules share that one probe instead of making their own.
 */
export interface KnownRelation {
  contacts?: boolean;
  blocked?: SQLWrapper;
}

function blockedSql(viewer: UserRef, subject: SubjectColumns, known: KnownRelation): SQLWrapper {
  return known.blocked ?? blockedEitherWaySql(viewer, subject.id);
}

/** `viewer` may see `subject`'s online status and last seen. */
export function lastSeenVisibleSql(viewer: UserRef, subject: SubjectColumns, known: KnownRelation = {}): SQL {
  const contacts = known.contacts ? sql`true` : isContactSql(viewer, subject.id);
  const sharing = known.contacts ? sql`true` : sharesConversationSql(viewer, subject.id);
  return sql`(${subject.id} = ${viewer} or (
    case ${subject.privacyLastSeen}
      when 'everyone' then ${sharing}
      when 'contacts' then ${contacts}
      else false
    end
    and not ${blockedSql(viewer, subject, known)}
  ))`;
}

/** `viewer` may see `subject`'s profile photo. */
export function photoVisibleSql(viewer: UserRef, subject: SubjectColumns, known: KnownRelation = {}): SQL {
  const contacts = known.contacts ? sql`true` : isContactSql(viewer, subject.id);
  return sql`(${subject.id} = ${viewer} or (
    case ${subject.privacyProfilePhoto}
      when 'everyone' then true
      when 'contacts' then ${contacts}
      else false
    end
    and not ${blockedSql(viewer, subject, known)}
  ))`;
}

/**
 * A user's profile columns as `viewer` may see them: the photo and last seen are null where the rules
 * above say no. Spread into a select in place of the raw columns.
 */
export function profileColumnsFor(
  viewer: UserRef,
  subject: SubjectColumns & { profileImage: SQLWrapper; lastSeenAt: Column },
  known: KnownRelation = {},
) {
  const photoShown = photoVisibleSql(viewer, subject, known);
  const lastSeenShown = lastSeenVisibleSql(viewer, subject, known);
  return {
    profileImage: sql<string | null>`case when ${photoShown} then ${subject.profileImage} end`,
    lastSeenAt: sql`case when ${lastSeenShown} then ${subject.lastSeenAt} end`.mapWith(
      subject.lastSeenAt,
    ) as SQL<Date | null>,
  };
}

/**
 * Read receipts between `reader` and `viewer` show in this conversation: always in groups, in a direct
 * chat only while neither of them turned them off.
 */
export function readReceiptsShownSql(conversationId: UserRef, reader: UserRef, viewer: UserRef): SQL {
  return sql`(not exists (
    select 1 from ${conversations} rc where rc.id = ${conversationId} and rc.type = 'direct'
  ) or not exists (
    select 1 from ${users} ru where ru.id in (${reader}, ${viewer}) and not ru.privacy_read_receipts
  ))`;
}

const peer = alias(users, 'peer');
const self = alias(users, 'self');
const mine = alias(participants, 'pm');
const theirs = alias(participants, 'pp');

/**
 * The two presence directions of users, from one query over the people who share a live conversation
 * with each of them (found from their memberships): who may see the user's presence and last seen
 * (`hears`: the audience of their online/offline events), and whose the user may see (`shown`: the
 * people a new socket is told are online). `ownersAre` is the condition on the user's id (`self`). Run
 * as `presence_peers` when sockets close (presencePeers), and inside the statement that admits a socket
 * (realtime/admission.ts).
 */
export function presencePeersQuery(db: Db, ownersAre: (owner: SQLWrapper) => SQL) {
  return db
    .selectDistinct({
      self: sql<string>`${mine.userId}`.as('self'),
      id: sql<string>`${theirs.userId}`.as('id'),
      hears: sql<boolean>`${lastSeenVisibleSql(peer.id, self)}`.as('hears'),
      shown: sql<boolean>`${lastSeenVisibleSql(self.id, peer)}`.as('shown'),
    })
    .from(mine)
    .innerJoin(conversations, and(eq(conversations.id, mine.conversationId), isNull(conversations.deletedAt)))
    .innerJoin(theirs, and(eq(theirs.conversationId, mine.conversationId), isNull(theirs.leftAt)))
    .innerJoin(peer, eq(peer.id, theirs.userId))
    .innerJoin(self, eq(self.id, mine.userId))
    .where(and(ownersAre(mine.userId), isNull(mine.leftAt), ne(theirs.userId, mine.userId)));
}

const presencePeersStatement = preparedPerDatabase((db) =>
  presencePeersQuery(db, (owner) => sql`${owner} = any(${sql.placeholder('userIds')}::uuid[])`).prepare(
    'presence_peers',
  ),
);

export interface PresencePeers {
  audience: string[];
  visible: string[];
}

/** A row of presencePeersQuery: `id` shares a live conversation with `self`. */
export interface PresencePeerRow {
  self: string;
  id: string;
  hears: boolean;
  shown: boolean;
}

/**
 * Each owner's peers from presencePeersQuery's rows, as arrays of the owner's own. A peer listed twice for
 * one owner (the rows of two sessions of the same user, in the admission statement) counts once.
 */
export function presencePeersOf(owners: string[], rows: PresencePeerRow[]): PresencePeers[] {
  const byUser = new Map<string, PresencePeers>();
  for (const owner of owners) byUser.set(owner, { audience: [], visible: [] });
  const seen = new Set<string>();
  for (const row of rows) {
    const peers = byUser.get(row.self);
    const pair = `${row.self}\n${row.id}`;
    if (!peers || seen.has(pair)) continue;
    seen.add(pair);
    if (row.hears) peers.audience.push(row.id);
    if (row.shown) peers.visible.push(row.id);
  }
  // Each caller gets arrays of its own: callers may change what they are handed.
  return owners.map((owner) => {
    const peers = byUser.get(owner)!;
    return { audience: [...peers.audience], visible: [...peers.visible] };
  });
}

/** Users per run of the statement: a reconnecting fleet's burst of sockets fits in a few. */
const MAX_PEER_LOOKUPS = 200;

/**
 * Asks that arrive while one run is on its way go together in the next: a burst of sockets opening costs
 * a few round trips, not one each.
 */
const peerLookupsFor = preparedPerDatabase(
  (db) =>
    new GroupCommit<string, PresencePeers>(async (userIds) => {
      const rows = await presencePeersStatement(db).execute({ userIds: [...new Set(userIds)] });
      return presencePeersOf(userIds, rows);
    }, MAX_PEER_LOOKUPS),
);

/** See presencePeersStatement: who hears of the user's presence, and whose presence they are shown. */
export function presencePeers(db: Db, userId: string): Promise<PresencePeers> {
  return peerLookupsFor(db).submit(userId);
}

/**
 * The users among `targetIds` whom `adderId` may not put into a group: a block in either direction, or
 * `groupAdd: contacts` and no direct chat between them.
 */
export async function refusedGroupAdds(
  db: Executor,
  adderId: string,
  targetIds: string[],
): Promise<string[]> {
  if (targetIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, targetIds),
        ne(users.id, adderId),
        sql`(${blockedEitherWaySql(adderId, users.id)} or (${users.privacyGroupAdd} = 'contacts' and not ${isContactSql(adderId, users.id)}))`,
      ),
    );
  return rows.map((row) => row.id);
}
