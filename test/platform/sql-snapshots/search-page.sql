select
  "hit"."id",
  "hit"."conversation_id",
  "hit"."seq",
  "hit"."sender_id",
  "hit"."content",
  "hit"."client_message_id",
  "hit"."reply_to_id",
  "hit"."forwarded_count",
  "hit"."original_sent_at",
  "hit"."created_at",
  "hit"."edited_at",
  "hit"."deleted_at",
  "hit"."deleted_by",
  "hit"."change_id",
  "hit"."attachment_count",
  "created_key",
  "conversations"."id",
  "conversations"."type",
  case
    when "conversations"."type" = 'direct' then (
      (
        select
          "other_user"."first_name" || ' ' || "other_user"."last_name" as "name"
        from
          "participants" "other_member"
          inner join "users" "other_user" on "other_user"."id" = "other_member"."user_id"
        where
          (
            "other_member"."conversation_id" = "conversations"."id"
            and "other_member"."user_id" <> $1
          )
        limit
          $2
      )
    )
    else "conversations"."title"
  end
from
  "participants"
  inner join "conversations" on "conversations"."id" = "participants"."conversation_id"
  inner join lateral (
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
      "attachment_count",
      to_char(
        "created_at" at time zone 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
      ) as "created_key"
    from
      "messages"
    where
      (
        "messages"."conversation_id" = "participants"."conversation_id"
        and "messages".search_vector @@ $3::tsquery
        and "messages"."deleted_at" is null
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
        and ("messages"."created_at", "messages"."id") < ($6::timestamptz, $7::uuid)
      )
    order by
      "messages"."created_at" desc,
      "messages"."id" desc
    limit
      $8
  ) "hit" on true
where
  (
    "participants"."user_id" = $9
    and "participants"."left_at" is null
    and "conversations"."deleted_at" is null
  )
order by
  "hit"."created_at" desc,
  "hit"."id" desc
limit
  $10;
-- $1 = "00000000-0000-4000-8000-0000000000a1"
-- $2 = 1
-- $3 = "'cancion':* & 'manana':*"
-- $4 = "00000000-0000-4000-8000-0000000000a1"
-- $5 = "00000000-0000-4000-8000-0000000000a1"
-- $6 = "2026-01-02T03:04:05.678901Z"
-- $7 = "00000000-0000-4000-8000-0000000000e1"
-- $8 = 21
-- $9 = "00000000-0000-4000-8000-0000000000a1"
-- $10 = 21
