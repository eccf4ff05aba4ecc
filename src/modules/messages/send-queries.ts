// SQL of a batch of sends (group commit, see send-batcher.ts): the conversations' row locks in id order,
// then one statement that decides every send on its own, hands out the seqs, moves the members' rows and
// writes the messages, their outbox rows and any withheld marks. Both run in one transaction and one round
// trip (db/one-trip.ts).
import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { directChatBlockSql } from '../../core/blocks.js';
import { nextChangeId } from '../../core/change-ids.js';
import { visibleTo } from '../../core/visibility.js';
import {
  sessionStatementText as render,
  type SessionStatement,
  type StatementCall,
} from '../../db/one-trip.js';
import { conversations, eventOutbox, messageHides, messages, participants } from '../../db/schema.js';
import type { MessageRow, ReplyTarget } from './queries.js';

/** One send of a batch, as the statement reads it (a JSON array of these is its only parameter). */
export interface BatchedSend {
  /** Position in the batch: arrival order, which is seq order within a conversation. */
  n: number;
  id: string;
  conversation_id: string;
  sender_id: string;
  content: string;
  client_message_id: string | null;
  reply_to_id: string | null;
}

/**
 * How the statement decided one send. `earlier`: the sender already sent this clientMessageId here (a
 * retry); `not_found`: no such conversation, or the sender is not a member of it; `blocked`: the sender
 * blocked the other person of this direct chat; `bad_reply`: the replied message is not one of this
 * conversation that the sender may see.
 */
export type BatchOutcome = 'sent' | 'earlier' | 'not_found' | 'blocked' | 'bad_reply';

export interface BatchResult {
  n: number;
  outcome: BatchOutcome;
  /** The message written (sent), else null. */
  row: MessageRow | null;
  replyTarget: ReplyTarget | null;
  /** With `earlier`: the message the retry is answered with. */
  earlierId: string | null;
  /** Who may see the new message: the conversation's current members, minus anyone it is withheld from. */
  audience: string[] | null;
}

/**
 * Locks the batch's conversations in id order (every writer that locks several takes them in this order,
 * so two batches, or a batch and a forward, cannot deadlock). The statement after it in the same
 * transaction then sees every change committed before each lock was granted.
 */
const lockConversationsStatement: SessionStatement = {
  name: 'chat_send_lock',
  types: ['uuid[]'],
  text: render(sql`select 1 from ${conversations} where id = any($1) order by id for update`),
};

/** The lock statement for a batch's conversations: each once, whatever the case of the ids it was given. */
export function lockConversationsCall(conversationIds: string[]): StatementCall {
  const ids = [...new Set(conversationIds.map((id) => id.toLowerCase()))].sort();
  return { statement: lockConversationsStatement, args: [`{${ids.join(',')}}`] };
}

/** The replied message; visibleTo reads its columns through the alias. */
const rt = alias(messages, 'rt');

/**
 * The batch, in one statement. Every send is decided on its own (the checks of appendMessage in send.ts,
 * in the same order: membership, an earlier copy of the same clientMessageId, the block, the reply
 * target), so one refused send leaves the others alone. The accepted ones of each conversation take
 * consecutive seqs in arrival order, and the statement moves each current member's row once for all of
 * them (0008): the newest message they may see, the unread count (others' messages after their own
 * newest in the batch), and for senders their read and delivered markers up to their own newest message;
 * each conversation's last_change_id rises to the batch's change ids in the update that hands out the seqs.
 * A message to someone who blocked its sender is withheld from them (0011): it neither moves their row
 * nor the chat's activity, and gets a withheld hide. Run it right after lockConversationsStatement.
 */
export const sendBatchStatement: SessionStatement = {
  name: 'chat_send_batch',
  types: ['jsonb'],
  text: render(sql`
    with input as (
      select * from jsonb_to_recordset($1) as i(
        n int, id uuid, conversation_id uuid, sender_id uuid, content text, client_message_id text,
        reply_to_id uuid)
    ),
    checked as (
      select i.*,
        (c.id is not null and p.user_id is not null) as is_member,
        b.peer_id,
        coalesce(b.user_blocked_peer, false) as user_blocked_peer,
        coalesce(b.peer_blocked_user, false) as peer_blocked_user,
        e.id as earlier_id,
        rt.id as reply_id, rt.seq as reply_seq, rt.sender_id as reply_sender_id,
        rt.content as reply_content, rt.deleted_at as reply_deleted_at
      from input i
      left join ${conversations} c on c.id = i.conversation_id and c.deleted_at is null
      left join ${participants} p
        on p.conversation_id = i.conversation_id and p.user_id = i.sender_id and p.left_at is null
      left join lateral (${directChatBlockSql(sql`i.conversation_id`, sql`i.sender_id`)}) b on true
      left join ${messages} e
        on e.conversation_id = i.conversation_id and e.sender_id = i.sender_id
        and e.client_message_id = i.client_message_id
      left join ${messages} rt
        on rt.id = i.reply_to_id and rt.conversation_id = i.conversation_id
        and ${visibleTo(sql`i.sender_id`, rt as unknown as typeof messages)}
    ),
    decided as (
      select checked.*,
        case
          when not is_member then 'not_found'
          when earlier_id is not null then 'earlier'
          when user_blocked_peer then 'blocked'
          when reply_to_id is not null and reply_id is null then 'bad_reply'
          else 'sent'
        end as outcome,
        case when peer_blocked_user then peer_id end as withheld_from
      from checked
    ),
    accepted as (
      select d.*,
        row_number() over (partition by conversation_id order by n) as k,
        count(*) over (partition by conversation_id) as per_conversation
      from decided d
      where outcome = 'sent'
    ),
    -- One change id per message, drawn in seq order (volatile functions run after the sort) and before
    -- the conversations are updated, so that update raises each one's last_change_id to them.
    stamped as (
      select a.*, ${nextChangeId()} as change_id from accepted a order by conversation_id, k
    ),
    bumped as (
      update ${conversations} c
      set last_seq = c.last_seq + a.added,
        last_message_at = case when a.touches then now() else c.last_message_at end,
        last_change_id = greatest(c.last_change_id, a.last_change)
      from (
        select conversation_id, count(*) as added, bool_or(withheld_from is null) as touches,
          max(change_id) as last_change
        from stamped group by conversation_id
      ) a
      where c.id = a.conversation_id
      returning c.id, c.last_seq, coalesce(c.last_message_at, c.created_at) as activity_at
    ),
    numbered as (
      select s.*, b.last_seq - s.per_conversation + s.k as seq
      from stamped s join bumped b on b.id = s.conversation_id
    ),
    member_changes as (
      select p.conversation_id, p.user_id, own.seq as own_seq, own.change_id as own_change_id,
        max(x.seq) filter (where x.withheld_from is distinct from p.user_id) as last_visible,
        count(*) filter (
          where x.sender_id <> p.user_id and x.withheld_from is distinct from p.user_id
            and x.seq > coalesce(own.seq, 0)
        ) as unread_added
      from ${participants} p
      join numbered x on x.conversation_id = p.conversation_id
      left join lateral (
        select max(y.seq) as seq, max(y.change_id) as change_id from numbered y
        where y.conversation_id = p.conversation_id and y.sender_id = p.user_id
      ) own on true
      where p.left_at is null
      group by p.conversation_id, p.user_id, own.seq, own.change_id
    ),
    moved as (
      update ${participants} p
      set read_seq = case when m.own_seq is null then p.read_seq else greatest(p.read_seq, m.own_seq) end,
        read_at = case when m.own_seq is null then p.read_at else now() end,
        delivered_seq = case when m.own_seq is null then p.delivered_seq
          else greatest(p.delivered_seq, m.own_seq) end,
        delivered_at = case when m.own_seq is null then p.delivered_at else now() end,
        -- A sender's markers move with their newest message: its change id stamps the move too.
        marker_change_id = case when m.own_seq is null then p.marker_change_id else m.own_change_id end,
        unread_count = case when m.own_seq is null then p.unread_count else 0 end + m.unread_added,
        last_visible_seq = m.last_visible,
        -- The inbox's order (core/inbox-rows.ts): the conversation's activity as bumped above.
        activity_at = b.activity_at
      from member_changes m
      join bumped b on b.id = m.conversation_id
      where p.conversation_id = m.conversation_id and p.user_id = m.user_id and m.last_visible is not null
    ),
    inserted as (
      insert into ${messages} (id, conversation_id, seq, sender_id, content, client_message_id, reply_to_id,
        created_at, change_id)
      select id, conversation_id, seq, sender_id, content, client_message_id, reply_to_id, now(), change_id
      from numbered
      order by conversation_id, seq
      returning id, conversation_id, seq, sender_id, content, client_message_id, reply_to_id,
        forwarded_count, original_sent_at, created_at, edited_at, deleted_at, deleted_by, change_id,
        attachment_count
    ),
    outboxed as (
      insert into ${eventOutbox} (message_id, event) select id, 'message.created' from numbered
    ),
    withheld as (
      insert into ${messageHides} (user_id, message_id, withheld)
      select withheld_from, id, true from numbered where withheld_from is not null
    ),
    audiences as (
      select conversation_id, array_agg(user_id) as user_ids
      from ${participants}
      where conversation_id in (select id from bumped) and left_at is null
      group by conversation_id
    )
    select d.n, d.outcome, d.earlier_id, d.withheld_from,
      m.id, m.conversation_id, m.seq, m.sender_id, m.content, m.client_message_id, m.reply_to_id,
      m.forwarded_count, m.original_sent_at, m.created_at, m.edited_at, m.deleted_at, m.deleted_by,
      m.change_id, m.attachment_count,
      d.reply_id, d.reply_seq, d.reply_sender_id, d.reply_content, d.reply_deleted_at,
      case when x.k = 1 then a.user_ids end as conversation_audience
    from decided d
    left join inserted m on m.id = d.id
    left join numbered x on x.id = d.id
    left join audiences a on a.conversation_id = d.conversation_id
    order by d.n`),
};

interface ResultRow {
  n: number;
  outcome: BatchOutcome;
  earlier_id: string | null;
  withheld_from: string | null;
  id: string | null;
  conversation_id: string;
  seq: string;
  sender_id: string;
  content: string | null;
  client_message_id: string | null;
  reply_to_id: string | null;
  forwarded_count: number;
  original_sent_at: Date | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by: string | null;
  change_id: string;
  attachment_count: number;
  reply_id: string | null;
  reply_seq: string | null;
  reply_sender_id: string | null;
  reply_content: string | null;
  reply_deleted_at: Date | null;
  conversation_audience: string[] | null;
}

/**
 * The statement's rows (one per send, in batch order) as results. The audience comes once per
 * conversation (on its first accepted send); each message's is that, minus whoever it is withheld from.
 */
export function readBatchResults(rows: ResultRow[]): BatchResult[] {
  const audienceOf = new Map<string, string[]>();
  for (const row of rows) {
    if (row.conversation_audience) audienceOf.set(row.conversation_id, row.conversation_audience);
  }
  return rows.map((row) => {
    const written = row.id !== null;
    const members = written ? (audienceOf.get(row.conversation_id) ?? []) : null;
    return {
      n: row.n,
      outcome: row.outcome,
      earlierId: row.earlier_id,
      row: written ? messageRowOf(row) : null,
      replyTarget:
        written && row.reply_id !== null
          ? {
              id: row.reply_id,
              seq: Number(row.reply_seq),
              senderId: row.reply_sender_id!,
              content: row.reply_content,
              deletedAt: row.reply_deleted_at,
            }
          : null,
      audience: members?.filter((userId) => userId !== row.withheld_from) ?? null,
    };
  });
}

function messageRowOf(row: ResultRow): MessageRow {
  return {
    id: row.id!,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    content: row.content,
    clientMessageId: row.client_message_id,
    replyToId: row.reply_to_id,
    forwardedCount: row.forwarded_count,
    originalSentAt: row.original_sent_at,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    changeId: Number(row.change_id),
    attachmentCount: row.attachment_count,
  };
}
