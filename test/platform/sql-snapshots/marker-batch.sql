with
  input as (
    select
      *
    from
      jsonb_to_recordset($1) as i (
        n int,
        conversation_id uuid,
        user_id uuid,
        read_seq bigint,
        delivered_seq bigint
      )
  ),
  wanted as (
    select
      i.conversation_id,
      i.user_id,
      max(i.read_seq) as read_to,
      greatest(max(i.delivered_seq), max(i.read_seq)) as delivered_to,
      -- Where the row's markers stood (the statement's snapshot: before the update below).
      min(least(o.read_seq, o.delivered_seq)) as moved_from
    from
      input i
      join "conversations" c on c.id = i.conversation_id
      and c.deleted_at is null
      left join "participants" o on o.conversation_id = i.conversation_id
      and o.user_id = i.user_id
      and o.left_at is null
    group by
      i.conversation_id,
      i.user_id
  ),
  moved as (
    update "participants" p
    set
      read_seq = case
        when w.read_to > p.read_seq then w.read_to
        else p.read_seq
      end,
      read_at = case
        when w.read_to > p.read_seq then now()
        else p.read_at
      end,
      delivered_seq = case
        when w.delivered_to > p.delivered_seq then w.delivered_to
        else p.delivered_seq
      end,
      delivered_at = case
        when w.delivered_to > p.delivered_seq then now()
        else p.delivered_at
      end,
      marker_change_id = nextval('change_seq'),
      unread_count = case
        when w.read_to > p.read_seq then (
          select
            count(*)
          from
            "messages" im
          where
            im.conversation_id = p.conversation_id
            and (
              "im"."seq" > w.read_to
              and "im"."sender_id" <> p.user_id
              and "im"."deleted_at" is null
              and (
                exists (
                  select
                    1
                  from
                    "membership_periods" mp
                  where
                    mp.conversation_id = "im"."conversation_id"
                    and mp.user_id = p.user_id
                    and (
                      "im"."seq" > mp.after_seq
                      and (
                        mp.until_seq is null
                        or "im"."seq" <= mp.until_seq
                      )
                    )
                )
                and not exists (
                  select
                    1
                  from
                    "message_hides" mh
                  where
                    mh.user_id = p.user_id
                    and mh.message_id = "im"."id"
                )
              )
            )
        )
        else p.unread_count
      end,
      last_visible_seq = case
        when w.read_to > p.read_seq then (
          select
            im.seq
          from
            "messages" im
          where
            im.conversation_id = p.conversation_id
            and (
              exists (
                select
                  1
                from
                  "membership_periods" mp
                where
                  mp.conversation_id = "im"."conversation_id"
                  and mp.user_id = p.user_id
                  and (
                    "im"."seq" > mp.after_seq
                    and (
                      mp.until_seq is null
                      or "im"."seq" <= mp.until_seq
                    )
                  )
              )
              and not exists (
                select
                  1
                from
                  "message_hides" mh
                where
                  mh.user_id = p.user_id
                  and mh.message_id = "im"."id"
              )
            )
          order by
            im.seq desc
          limit
            1
        )
        else p.last_visible_seq
      end,
      activity_at = case
        when w.read_to > p.read_seq then (
          select
            coalesce(
              "conversations"."last_message_at",
              "conversations"."created_at"
            )
          from
            "conversations"
          where
            "conversations"."id" = p.conversation_id
        )
        else p.activity_at
      end
    from
      wanted w
    where
      p.conversation_id = w.conversation_id
      and p.user_id = w.user_id
      and p.left_at is null
      and (
        w.read_to > p.read_seq
        or w.delivered_to > p.delivered_seq
      )
    returning
      p.conversation_id,
      p.user_id,
      p.marker_change_id,
      w.moved_from,
      greatest(p.read_seq, p.delivered_seq) as moved_to
  ),
  raised as (
    update "conversations" c
    set
      last_change_id = r.change_id
    from
      (
        select
          conversation_id,
          max(marker_change_id) as change_id
        from
          moved
        group by
          conversation_id
      ) r
    where
      c.id = r.conversation_id
      and c.last_change_id < r.change_id
  )
select
  i.n,
  c.id is not null as found,
  m.user_id is not null as moved,
  m.moved_from::float8 as moved_from,
  m.moved_to::float8 as moved_to,
  c.type = 'group' as in_group
from
  input i
  left join "conversations" c on c.id = i.conversation_id
  and c.deleted_at is null
  left join moved m on m.conversation_id = i.conversation_id
  and m.user_id = i.user_id
order by
  i.n;

