// Bulk data the API would take too long to create: long histories, a crowded inbox, many socket users.
// Rows match src/db/schema.ts (conversations.last_seq, participant_count and last_change_id set, participants
// and membership_periods filled) and are written before the server starts, on the embedded database as well.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { progress } from './progress.js';

/** Deterministic, uuid-shaped ids for bulk rows: tag (8 hex) - a (16 bits) - 7000-8000 - b (48 bits). */
export function benchId(tag: string, a: number, b: number): string {
  return `${tag}-${a.toString(16).padStart(4, '0')}-7000-8000-${b.toString(16).padStart(12, '0')}`;
}

function benchIdSql(tag: string, a: SQL | number, b: SQL | number): SQL {
  return sql`(${tag}::text || '-' || lpad(to_hex((${a})::bigint), 4, '0') || '-7000-8000-' || lpad(to_hex((${b})::bigint), 12, '0'))::uuid`;
}

const TAG = {
  user: 'b0000001',
  session: 'b0000002',
  historyConversation: 'b0000003',
  historyMessage: 'b0000004',
  inboxConversation: 'b0000005',
  inboxMessage: 'b0000006',
  ceilingConversation: 'b0000007',
} as const;

/** Users 1 to 10 have fixed jobs; bulk users (inbox partners, socket users) start at 11. */
export const FIXED_USERS = { historySender: 1, historyViewer: 2, historyJoiner: 3, inboxOwner: 4 } as const;
export const FIRST_BULK_USER = 11;

export function userId(n: number): string {
  return benchId(TAG.user, 0, n);
}

export function userEmail(n: number): string {
  return `bench-user-${n}@bench.example.com`;
}

export function sessionId(n: number): string {
  return benchId(TAG.session, 0, n);
}

/** Users 1..count, all with the same password hash (one hash: hashing is deliberately slow). */
export async function loadUsers(db: Db, count: number, passwordHash: string): Promise<void> {
  await db.execute(sql`insert into users (id, email, password_hash, first_name, last_name, is_verified)
    select ${benchIdSql(TAG.user, 0, sql`n`)}, 'bench-user-' || n || '@bench.example.com', ${passwordHash},
           'Bench', 'User ' || n, true
    from generate_series(1, ${count}::int) n`);
}

/** One live session per user in [first, last], so tokens can be signed for them without a login each. */
export async function loadSessions(db: Db, first: number, last: number): Promise<void> {
  await db.execute(sql`insert into sessions (id, user_id, expires_at)
    select ${benchIdSql(TAG.session, 0, sql`n`)}, ${benchIdSql(TAG.user, 0, sql`n`)}, now() + interval '1 day'
    from generate_series(${first}::int, ${last}::int) n`);
}

/**
 * Words of the history messages, for the search scenario: message s carries TOPICS[s % 10] (a tenth of
 * the history each, accented ones included) and `kiwi<s % 10000>` (one message in 10,000).
 */
export const HISTORY_TOPICS = [
  'canción',
  'reunión',
  'mañana',
  'dinner',
  'weekend',
  'photos',
  'música',
  'viaje',
  'project',
  'birthday',
] as const;
export const rareHistoryWord = (n: number) => `kiwi${n % 10_000}`;

export interface HistoryConversation {
  id: string;
  size: number;
  /** The joiner's membership starts after this seq (half the history). */
  joinedAfterSeq: number;
}

/**
 * A group with `size` messages from the history sender; the viewer has been a member from the start,
 * the joiner since the middle (history visibility hides the first half from them).
 */
export async function loadHistory(db: Db, index: number, size: number): Promise<HistoryConversation> {
  const id = benchId(TAG.historyConversation, 0, index);
  const half = Math.floor(size / 2);
  const sender = userId(FIXED_USERS.historySender);
  const viewer = userId(FIXED_USERS.historyViewer);
  const joiner = userId(FIXED_USERS.historyJoiner);
  // Message s was sent at start + s seconds; the joiner joined right after message `half`.
  const start = sql`(now() - make_interval(secs => ${size + 60}::int))`;
  const joinedAt = sql`(${start} + make_interval(secs => ${half}::int) + interval '0.5 second')`;
  await db.execute(sql`insert into conversations (id, type, title, created_by, last_seq, last_message_at, created_at, updated_at)
    values (${id}, 'group', ${`History ${size}`}, ${sender}, ${size}, ${start} + make_interval(secs => ${size}::int), ${start}, ${start})`);
  // activity_at: the conversation's, as the server keeps it (read back: each statement has its own now()).
  const activity = sql`(select last_message_at from conversations where id = ${id})`;
  await db.execute(sql`insert into participants (conversation_id, user_id, role, joined_at, read_seq, read_at, delivered_seq, delivered_at, last_visible_seq, activity_at)
    values (${id}, ${sender}, 'owner', ${start}, ${size}, now(), ${size}, now(), ${size}, ${activity}),
           (${id}, ${viewer}, 'member', ${start}, ${size}, now(), ${size}, now(), ${size}, ${activity}),
           (${id}, ${joiner}, 'member', ${joinedAt}, ${size}, now(), ${size}, now(), ${size}, ${activity})`);
  await db.execute(sql`insert into membership_periods (conversation_id, user_id, after_seq, joined_at)
    values (${id}, ${sender}, 0, ${start}), (${id}, ${viewer}, 0, ${start}), (${id}, ${joiner}, ${half}, ${joinedAt})`);
  const chunk = 100_000;
  for (let from = 1; from <= size; from += chunk) {
    const to = Math.min(size, from + chunk - 1);
    await db.execute(sql`insert into messages (id, conversation_id, seq, sender_id, content, created_at)
      select ${benchIdSql(TAG.historyMessage, index, sql`s`)}, ${id}, s, ${sender},
             'History message ' || s || ': the quick brown fox jumps over the lazy dog, '
               || (${sql.raw(`array[${HISTORY_TOPICS.map((t) => `'${t}'`).join(', ')}]`)})[1 + s % 10]
               || ' kiwi' || (s % 10000) || '.',
             ${start} + make_interval(secs => s)
      from generate_series(${from}::int, ${to}::int) s`);
    if (size > chunk)
      progress(`  history ${size.toLocaleString('en-US')}: ${to.toLocaleString('en-US')} rows`);
  }
  await fillConversationFigures(db, sql`c.id = ${id}`);
  // Fresh statistics, so the planner sees the real table (the server would get them from autovacuum later).
  await db.execute(sql`analyze messages`);
  return { id, size, joinedAfterSeq: half };
}

/**
 * The member count and sync cursor each conversation carries (the server keeps them on write), computed
 * as migration 0011 backfills them, for the bulk-loaded conversations matching `which` (on `c`).
 */
async function fillConversationFigures(db: Db, which: SQL): Promise<void> {
  await db.execute(sql`update conversations c set
    participant_count = (select count(*) from participants p where p.conversation_id = c.id and p.left_at is null),
    last_change_id = greatest(
      coalesce((select max(m.change_id) from messages m where m.conversation_id = c.id), 0),
      coalesce((select max(p.marker_change_id) from participants p where p.conversation_id = c.id), 0))
    where ${which}`);
}

export interface InboxPlan {
  /** User numbers firstOwner.. (owners of them): each gets `conversations` direct chats. */
  firstOwner: number;
  owners: number;
  /** Owner o's chat k (1-based) is with user firstPartner + k - 1: every owner has the same partners. */
  firstPartner: number;
  conversations: number;
  perConversation: number;
  /** Owner o's rows are numbered from firstIndex + o, so several plans never share an id. */
  firstIndex: number;
}

/**
 * Inbox owners, each in `conversations` direct conversations with `perConversation` messages from the
 * other person, the owner having read only the first half (so every conversation has unread messages).
 */
export async function loadInbox(db: Db, plan: InboxPlan): Promise<void> {
  const { perConversation } = plan;
  const ownerNumber = sql`${plan.firstOwner}::int + o`;
  const owner = benchIdSql(TAG.user, 0, ownerNumber);
  const partner = benchIdSql(TAG.user, 0, sql`${plan.firstPartner - 1}::int + k`);
  const index = sql`${plan.firstIndex}::int + o`;
  const conversation = benchIdSql(TAG.inboxConversation, index, sql`k`);
  // Message ids: the conversation number and seq, with the owner's index above seq's 20 bits.
  const messageId = benchIdSql(TAG.inboxMessage, sql`k`, sql`(${index})::bigint * 1048576 + s`);
  const pairs = sql`generate_series(0, ${plan.owners - 1}::int) o, generate_series(1, ${plan.conversations}::int) k`;
  const read = Math.floor(perConversation / 2);
  await db.execute(sql`insert into conversations (id, type, direct_key, created_by, last_seq, last_message_at, created_at, updated_at)
    select ${conversation}, 'direct',
           least((${owner})::text, (${partner})::text) || ':' || greatest((${owner})::text, (${partner})::text),
           ${partner}, ${perConversation}, now() - make_interval(mins => k), now() - interval '2 days', now() - interval '2 days'
    from ${pairs}`);
  // activity_at: the conversation's last_message_at, as the server keeps it (read back: each statement
  // has its own now()).
  const activity = sql`(select c.last_message_at from conversations c where c.id = ${conversation})`;
  await db.execute(sql`insert into participants (conversation_id, user_id, role, joined_at, read_seq, delivered_seq, unread_count, last_visible_seq, activity_at)
    select ${conversation}, ${owner}, 'member', now() - interval '2 days', ${read}::int, ${read}::int,
           ${perConversation - read}::int, ${perConversation}::int, ${activity}
    from ${pairs}
    union all
    select ${conversation}, ${partner}, 'member', now() - interval '2 days', ${perConversation}::int, ${perConversation}::int,
           0, ${perConversation}::int, ${activity}
    from ${pairs}`);
  await db.execute(sql`insert into membership_periods (conversation_id, user_id, after_seq, joined_at)
    select ${conversation}, ${owner}, 0, now() - interval '2 days' from ${pairs}
    union all
    select ${conversation}, ${partner}, 0, now() - interval '2 days' from ${pairs}`);
  await db.execute(sql`insert into messages (id, conversation_id, seq, sender_id, content, created_at)
    select ${messageId}, ${conversation}, s, ${partner},
           'Inbox message ' || s || ' in conversation ' || k,
           now() - make_interval(mins => k) - make_interval(secs => ${perConversation}::int - s)
    from ${pairs}, generate_series(1, ${perConversation}::int) s`);
  await fillConversationFigures(db, sql`c.id in (select ${conversation} from ${pairs})`);
  await db.execute(sql`analyze`);
}

/** Conversations the insert ceiling writes into (they need a row for the foreign key, nothing else). */
export async function loadCeilingConversations(db: Db, count: number): Promise<string[]> {
  const creator = userId(FIXED_USERS.historySender);
  await db.execute(sql`insert into conversations (id, type, title, created_by)
    select ${benchIdSql(TAG.ceilingConversation, 0, sql`k`)}, 'group', 'Ceiling ' || k, ${creator}
    from generate_series(1, ${count}::int) k`);
  return Array.from({ length: count }, (_, k) => benchId(TAG.ceilingConversation, 0, k + 1));
}

/**
 * `select version()`, and whether autovacuum is on: without it the rows every message rewrites keep their
 * dead versions, and the later scenarios of a run are slower than the earlier ones for that alone.
 */
export async function databaseVersion(db: Db): Promise<string> {
  const result = (await db.execute(
    sql`select version()::text as version, current_setting('autovacuum') as autovacuum`,
  )) as unknown as { rows: { version: string; autovacuum: string }[] };
  const row = result.rows[0];
  return row ? `${row.version}; autovacuum ${row.autovacuum}` : 'unknown';
}
