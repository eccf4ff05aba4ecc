with
  input as (
    select
      *
    from
      jsonb_to_recordset($1) as i (
        n int,
        id uuid,
        conversation_id uuid,
        sender_id uuid,
        content text,
        client_message_id text,
        reply_to_id uuid
      )
  ),
  checked as (
    select
      i.*,
      (
        c.id is not null
        and p.user_id is not null
      ) as is_member,
      b.peer_id,
      coalesce(b.user_blocked_peer, false) as user_blocked_peer,
      coalesce(b.peer_blocked_user, false) as peer_blocked_user,
      e.id as earlier_id,
      rt.id as reply_id,
      rt.seq as reply_seq,
      rt.sender_id as reply_sender_id,
      rt.content as reply_content,
      rt.deleted_at as reply_deleted_at
    from
      input i
      left join "conversations" c on c.id = i.conversation_id
      and c.deleted_at is null
      left join "participants" p on p.conversation_id = i.conversation_id
      and p.user_id = i.sender_id
      and p.left_at is null
      left join lateral (
        select
          d.peer_id,
          exists (
            select
              1
            from
              "user_blocks"
            where
              blocker_id = i.sender_id
              and blocked_id = d.peer_id
          ) as user_blocked_peer,
          exists (
            select
              1
            from
              "user_blocks"
            where
              blocker_id = d.peer_id
              and blocked_id = i.sender_id
          ) as peer_blocked_user
        from
          (
            select
              (
                case
                  when split_part(c.direct_key, ':', 1) = i.sender_id::text then split_part(c.direct_key, ':', 2)
                  else split_part(c.direct_key, ':', 1)
                end
              )::uuid as peer_id
            from
              "conversations" c
            where
              c.id = i.conversation_id
              and c.type = 'direct'
              and i.sender_id::text in (
                split_part(c.direct_key, ':', 1),
                split_part(c.direct_key, ':', 2)
              )
          ) d
      ) b on true
      left join "messages" e on e.conversation_id = i.conversation_id
      and e.sender_id = i.sender_id
      and e.client_message_id = i.client_message_id
      left join "messages" rt on rt.id = i.reply_to_id
      and rt.conversation_id = i.conversation_id
      and (
        exists (
          select
            1
          from
            "membership_periods" mp
          where
            mp.conversation_id = "rt"."conversation_id"
            and mp.user_id = i.sender_id
            and (
              "rt"."seq" > mp.after_seq
              and (
                mp.until_seq is null
                or "rt"."seq" <= mp.until_seq
              )
            )
        )
        and not exists (
          select
            1
          from
            "message_hides" mh
          where
            mh.user_id = i.sender_id
            and mh.message_id = "rt"."id"
        )
      )
  ),
  decided as (
    select
      checked.*,
      case
        when not is_member then 'not_found'
        when earlier_id is not null then 'earlier'
        when user_blocked_peer then 'blocked'
        when reply_to_id is not null
        and reply_id is null then 'bad_reply'
        else 'sent'
      end as outcome,
      case
        when peer_blocked_user then peer_id
      end as withheld_from
    from
      checked
  ),
  accepted as (
    select
      d.*,
      row_number() over (
        partition by
          conversation_id
        order by
          n
      ) as k,
      count(*) over (
        partition by
          conversation_id
      ) as per_conversation
    from
      decided d
    where
      outcome = 'sent'
  ),
  -- One change id per message, drawn in seq order (volatile functions run after the sort) and before
  -- the conversations are updated, so that update raises each one's last_change_id to them.
  stamped as (
    select
      a.*,
      nextval('change_seq') as change_id
    from
      accepted a
    order by
      conversation_id,
      k
  ),
  bumped as (
    update "conversations" c
    set
      last_seq = c.last_seq + a.added,
      last_message_at = case
        when a.touches then now()
        else c.last_message_at
      end,
      last_change_id = greatest(c.last_change_id, a.last_change)
    from
      (
        select
          conversation_id,
          count(*) as added,
          bool_or(withheld_from is null) as touches,
          max(change_id) as last_change
        from
          stamped
        group by
          conversation_id
      ) a
    where
      c.id = a.conversation_id
    returning
      c.id,
      c.last_seq,
      coalesce(c.last_message_at, c.created_at) as activity_at
  ),
  numbered as (
    select
      s.*,
      b.last_seq - s.per_conversation + s.k as seq
    from
      stamped s
      join bumped b on b.id = s.conversation_id
  ),
  member_changes as (
    select
      p.conversation_id,
      p.user_id,
      own.seq as own_seq,
      own.change_id as own_change_id,
      max(x.seq) filter (
        where
          x.withheld_from is distinct from p.user_id
      ) as last_visible,
      count(*) filter (
        where
          x.sender_id <> p.user_id
          and x.withheld_from is distinct from p.user_id
          and x.seq > coalesce(own.seq, 0)
      ) as unread_added
    from
      "participants" p
      join numbered x on x.conversation_id = p.conversation_id
      left join lateral (
        select
          max(y.seq) as seq,
          max(y.change_id) as change_id
        from
          numbered y
        where
          y.conversation_id = p.conversation_id
          and y.sender_id = p.user_id
      ) own on true
    where
      p.left_at is null
    group by
      p.conversation_id,
      p.user_id,
      own.seq,
      own.change_id
  ),
  moved as (
    update "participants" p
    set
      read_seq = case
        when m.own_seq is null then p.read_seq
        else greatest(p.read_seq, m.own_seq)
      end,
      read_at = case
        when m.own_seq is null then p.read_at
        else now()
      end,
      delivered_seq = case
        when m.own_seq is null then p.delivered_seq
        else greatest(p.delivered_seq, m.own_seq)
      end,
      delivered_at = case
        when m.own_seq is null then p.delivered_at
        else now()
      end,
      -- A sender's markers move with their newest message: its change id stamps the move too.
      marker_change_id = case
        when m.own_seq is null then p.marker_change_id
        else m.own_change_id
      end,
      unread_count = case
        when m.own_seq is null then p.unread_count
        else 0
      end + m.unread_added,
      last_visible_seq = m.last_visible,
      -- The inbox's order (core/inbox-rows.ts): the conversation's activity as bumped above.
      activity_at = b.activity_at
    from
      member_changes m
      join bumped b on b.id = m.conversation_id
    where
      p.conversation_id = m.conversation_id
      and p.user_id = m.user_id
      and m.last_visible is not null
  ),
  inserted as (
    insert into
      "messages" (
        id,
        conversation_id,
        seq,
        sender_id,
        content,
        client_message_id,
        reply_to_id,
        created_at,
        change_id
      )
    select
      id,
      conversation_id,
      seq,
      sender_id,
      content,
      client_message_id,
      reply_to_id,
      now(),
      change_id
    from
      numbered
    order by
      conversation_id,
      seq
    returning
      id,
      conversation_id,
      seq,
      sender_id,
      content,
      client_message_id,
      reply_to_id,
      forwarded_count,
      original_sent_at,
      created_at,
      edited_at,
      deleted_at,
      deleted_by,
      change_id,
      attachment_count
  ),
  outboxed as (
    insert into
      "event_outbox" (message_id, event)
    select
      id,
      'message.created'
    from
      numbered
  ),
  withheld as (
    insert into
      "message_hides" (user_id, message_id, withheld)
    select
      withheld_from,
      id,
      true
    from
      numbered
    where
      withheld_from is not null
  ),
  audiences as (
    select
      conversation_id,
      array_agg(user_id) as user_ids
    from
      "participants"
    where
      conversation_id in (
        select
          id
        from
          bumped
      )
      and left_at is null
    group by
      conversation_id
  )
select
  d.n,
  d.outcome,
  d.earlier_id,
  d.withheld_from,
  m.id,
  m.conversation_id,
  m.seq,
  m.sender_id,
  m.content,
  m.client_message_id,
  m.reply_to_id,
  m.forwarded_count,
  m.original_sent_at,
  m.created_at,
  m.edited_at,
  m.deleted_at,
  m.deleted_by,
  m.change_id,
  m.attachment_count,
  d.reply_id,
  d.reply_seq,
  d.reply_sender_id,
  d.reply_content,
  d.reply_deleted_at,
  case
    when x.k = 1 then a.user_ids
  end as conversation_audience
from
  decided d
  left join inserted m on m.id = d.id
  left join numbered x on x.id = d.id
  left join audiences a on a.conversation_id = d.conversation_id
order by
  d.n;

