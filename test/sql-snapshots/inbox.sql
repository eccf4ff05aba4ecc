select
  "conversations"."id",
  "conversations"."type",
  "conversations"."title",
  "conversations"."description",
  "conversations"."image",
  "conversations"."direct_key",
  "conversations"."created_by",
  "conversations"."last_seq",
  "conversations"."last_message_at",
  "conversations"."created_at",
  "conversations"."updated_at",
  "conversations"."deleted_at",
  "mine"."role",
  to_char(
    coalesce(
      "conversations"."last_message_at",
      "conversations"."created_at"
    ) at time zone 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
  ),
  "mine"."unread_count",
  (
    (
      select
        count(*)
      from
        "participants" "pc"
      where
        (
          "pc"."conversation_id" = "conversations"."id"
          and "pc"."left_at" is null
        )
    )
  ),
  greatest(
    coalesce(
      (
        (
          select
            max("change_id")
          from
            "messages" "cm"
          where
            "cm"."conversation_id" = "conversations"."id"
        )
      ),
      0
    ),
    coalesce(
      (
        (
          select
            max("marker_change_id")
          from
            "participants" "pm"
          where
            "pm"."conversation_id" = "conversations"."id"
        )
      ),
      0
    )
  ),
  "lm"."id",
  "lm"."sender_id",
  "lm"."content",
  "lm"."attachment_count",
  "lm"."created_at",
  "lm"."deleted_at",
  "other_member"."id",
  "other_member"."first_name",
  "other_member"."last_name",
  "other_member"."about",
  "other_member"."profile_image",
  "other_member"."last_seen_at"
from
  "participants" "mine"
  inner join "conversations" on "conversations"."id" = "mine"."conversation_id"
  left join "messages" "lm" on (
    "lm"."conversation_id" = "conversations"."id"
    and "lm"."seq" = "mine"."last_visible_seq"
  )
  left join lateral (
    select
      "ou"."id",
      "ou"."first_name",
      "ou"."last_name",
      "ou"."about",
      "ou"."profile_image",
      "ou"."last_seen_at"
    from
      "participants" "op"
      inner join "users" "ou" on "ou"."id" = "op"."user_id"
    where
      (
        "op"."conversation_id" = "conversations"."id"
        and "op"."user_id" <> $1
        and "conversations"."type" = 'direct'
      )
    limit
      $2
  ) "other_member" on true
where
  (
    "mine"."user_id" = $3
    and "conversations"."id" in (
      select
        "conversations"."id"
      from
        "participants" "mine"
        inner join "conversations" on "conversations"."id" = "mine"."conversation_id"
      where
        (
          "mine"."user_id" = $4
          and "mine"."left_at" is null
          and "conversations"."deleted_at" is null
          and (
            "mine"."hidden_at_seq" is null
            or "conversations"."last_seq" > "mine"."hidden_at_seq"
          )
          and (
            coalesce(
              "conversations"."last_message_at",
              "conversations"."created_at"
            ),
            "conversations"."id"
          ) < ($5::timestamptz, $6::uuid)
        )
      order by
        coalesce(
          "conversations"."last_message_at",
          "conversations"."created_at"
        ) desc,
        "conversations"."id" desc
      limit
        $7
    )
  )
order by
  coalesce(
    "conversations"."last_message_at",
    "conversations"."created_at"
  ) desc,
  "conversations"."id" desc;
-- $1 = "00000000-0000-4000-8000-0000000000a1"
-- $2 = 1
-- $3 = "00000000-0000-4000-8000-0000000000a1"
-- $4 = "00000000-0000-4000-8000-0000000000a1"
-- $5 = "2026-01-02T03:04:05.678901Z"
-- $6 = "00000000-0000-4000-8000-0000000000c1"
-- $7 = 21
