select
  "id",
  "conversation_id",
  "seq",
  "sender_id",
  "content",
  "client_message_id",
  "reply_to_id",
  "forwarded_count",
  "original_sent_at",
  "created_at",
  "edited_at",
  "deleted_at",
  "deleted_by",
  "change_id",
  "attachment_count"
from
  "messages"
where
  (
    "messages"."conversation_id" = $1
    and "messages"."seq" > (
      select
        coalesce(min(after_seq), 9223372036854775806)
      from
        "membership_periods"
      where
        conversation_id = $2
        and user_id = $3
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
    and "messages"."seq" > $6
    and "messages"."seq" <= $7
  )
order by
  "messages"."seq" desc
limit
  $8;
-- $1 = "00000000-0000-4000-8000-0000000000c1"
-- $2 = "00000000-0000-4000-8000-0000000000c1"
-- $3 = "00000000-0000-4000-8000-0000000000a1"
-- $4 = "00000000-0000-4000-8000-0000000000a1"
-- $5 = "00000000-0000-4000-8000-0000000000a1"
-- $6 = 100
-- $7 = 250
-- $8 = 51
