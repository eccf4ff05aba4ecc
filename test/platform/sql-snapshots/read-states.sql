select
  "participants"."user_id",
  case
    when (
      "participants"."user_id" = $1
      or (
        not exists (
          select
            1
          from
            "conversations" rc
          where
            rc.id = "participants"."conversation_id"
            and rc.type = 'direct'
        )
        or not exists (
          select
            1
          from
            "users" ru
          where
            ru.id in ("participants"."user_id", $2)
            and not ru.privacy_read_receipts
        )
      )
    ) then "participants"."read_at"
  end,
  "participants"."delivered_at",
  "last_read"."id",
  "last_delivered"."id",
  "last_read"."seq",
  "last_delivered"."seq",
  "withheld_ids"
from
  "participants"
  left join lateral (
    select
      "id",
      "seq"
    from
      "messages"
    where
      (
        "messages"."conversation_id" = "participants"."conversation_id"
        and "messages"."seq" <= "participants"."read_seq"
        and (
          exists (
            select
              1
            from
              "membership_periods" mp
            where
              mp.conversation_id = "messages"."conversation_id"
              and mp.user_id = "participants"."user_id"
              and (
                "messages"."seq" > mp.after_seq
                and (
                  mp.until_seq is null
                  or "messages"."seq" <= mp.until_seq
                )
              )
          )
          and not exists (
            select
              1
            from
              "message_hides" mh
            where
              mh.user_id = "participants"."user_id"
              and mh.message_id = "messages"."id"
          )
        )
        and (
          exists (
            select
              1
            from
              "membership_periods" mp
            where
              mp.conversation_id = "messages"."conversation_id"
              and mp.user_id = $3
              and (
                "messages"."seq" > mp.after_seq
                and (
                  mp.until_seq is null
                  or "messages"."seq" <= mp.until_seq
                )
              )
          )
          and not exists (
            select
              1
            from
              "message_hides" mh
            where
              mh.user_id = $4
              and mh.message_id = "messages"."id"
          )
        )
      )
    order by
      "messages"."seq" desc
    limit
      $5
  ) "last_read" on (
    "participants"."user_id" = $6
    or (
      not exists (
        select
          1
        from
          "conversations" rc
        where
          rc.id = "participants"."conversation_id"
          and rc.type = 'direct'
      )
      or not exists (
        select
          1
        from
          "users" ru
        where
          ru.id in ("participants"."user_id", $7)
          and not ru.privacy_read_receipts
      )
    )
  )
  left join lateral (
    select
      "id",
      "seq"
    from
      "messages"
    where
      (
        "messages"."conversation_id" = "participants"."conversation_id"
        and "messages"."seq" <= "participants"."delivered_seq"
        and (
          exists (
            select
              1
            from
              "membership_periods" mp
            where
              mp.conversation_id = "messages"."conversation_id"
              and mp.user_id = "participants"."user_id"
              and (
                "messages"."seq" > mp.after_seq
                and (
                  mp.until_seq is null
                  or "messages"."seq" <= mp.until_seq
                )
              )
          )
          and not exists (
            select
              1
            from
              "message_hides" mh
            where
              mh.user_id = "participants"."user_id"
              and mh.message_id = "messages"."id"
          )
        )
        and (
          exists (
            select
              1
            from
              "membership_periods" mp
            where
              mp.conversation_id = "messages"."conversation_id"
              and mp.user_id = $8
              and (
                "messages"."seq" > mp.after_seq
                and (
                  mp.until_seq is null
                  or "messages"."seq" <= mp.until_seq
                )
              )
          )
          and not exists (
            select
              1
            from
              "message_hides" mh
            where
              mh.user_id = $9
              and mh.message_id = "messages"."id"
          )
        )
      )
    order by
      "messages"."seq" desc
    limit
      $10
  ) "last_delivered" on true
  left join lateral (
    select
      coalesce(
        array_agg(
          "messages"."id"
          order by
            "messages"."seq"
        ),
        '{}'
      ) as "withheld_ids"
    from
      "message_hides"
      inner join "messages" on "messages"."id" = "message_hides"."message_id"
    where
      (
        "message_hides"."user_id" = "participants"."user_id"
        and "message_hides"."withheld"
        and "messages"."conversation_id" = "participants"."conversation_id"
        and "messages"."sender_id" = $11
        and "messages"."seq" <= greatest(
          "participants"."read_seq",
          "participants"."delivered_seq"
        )
      )
  ) "withheld" on true
where
  (
    "participants"."conversation_id" = $12
    and "participants"."left_at" is null
  )
order by
  "participants"."user_id" asc;
-- $1 = "00000000-0000-4000-8000-0000000000a1"
-- $2 = "00000000-0000-4000-8000-0000000000a1"
-- $3 = "00000000-0000-4000-8000-0000000000a1"
-- $4 = "00000000-0000-4000-8000-0000000000a1"
-- $5 = 1
-- $6 = "00000000-0000-4000-8000-0000000000a1"
-- $7 = "00000000-0000-4000-8000-0000000000a1"
-- $8 = "00000000-0000-4000-8000-0000000000a1"
-- $9 = "00000000-0000-4000-8000-0000000000a1"
-- $10 = 1
-- $11 = "00000000-0000-4000-8000-0000000000a1"
-- $12 = "00000000-0000-4000-8000-0000000000c1"
