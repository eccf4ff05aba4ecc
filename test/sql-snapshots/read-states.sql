select
  "participants"."user_id",
  "participants"."read_at",
  "participants"."delivered_at",
  "last_read"."id",
  "last_delivered"."id",
  "last_read"."seq",
  "last_delivered"."seq"
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
              and mp.user_id = $1
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
              mh.user_id = $2
              and mh.message_id = "messages"."id"
          )
        )
      )
    order by
      "messages"."seq" desc
    limit
      $3
  ) "last_read" on true
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
              and mp.user_id = $4
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
              mh.user_id = $5
              and mh.message_id = "messages"."id"
          )
        )
      )
    order by
      "messages"."seq" desc
    limit
      $6
  ) "last_delivered" on true
where
  (
    "participants"."conversation_id" = $7
    and "participants"."left_at" is null
  )
order by
  "participants"."user_id" asc;
-- $1 = "00000000-0000-4000-8000-0000000000a1"
-- $2 = "00000000-0000-4000-8000-0000000000a1"
-- $3 = 1
-- $4 = "00000000-0000-4000-8000-0000000000a1"
-- $5 = "00000000-0000-4000-8000-0000000000a1"
-- $6 = 1
-- $7 = "00000000-0000-4000-8000-0000000000c1"
