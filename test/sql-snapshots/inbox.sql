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
  (
    (
      select
        count(*)
      from
        "messages" "um"
      where
        (
          "um"."conversation_id" = "conversations"."id"
          and (
            "um"."seq" > "mine"."read_seq"
            and "um"."sender_id" <> $1
            and "um"."deleted_at" is null
            and (
              exists (
                select
                  1
                from
                  "membership_periods" mp
                where
                  mp.conversation_id = "um"."conversation_id"
                  and mp.user_id = $2
                  and (
                    "um"."seq" > mp.after_seq
                    and (
                      mp.until_seq is null
                      or "um"."seq" <= mp.until_seq
                    )
                  )
              )
              and not exists (
                select
                  1
                from
                  "message_hides" mh
                where
                  mh.user_id = $3
                  and mh.message_id = "um"."id"
              )
            )
          )
        )
    )
  ),
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
  "last_visible"."id",
  "last_visible"."sender_id",
  "last_visible"."content",
  "last_visible"."created_at",
  "last_visible"."deleted_at",
  "other_member"."id",
  "other_member"."first_name",
  "other_member"."last_name",
  "other_member"."about",
  "other_member"."profile_image",
  "other_member"."last_seen_at"
from
  "participants" "mine"
  inner join "conversations" on "conversations"."id" = "mine"."conversation_id"
  left join lateral (
    select
      "id",
      "sender_id",
      "content",
      "created_at",
      "deleted_at"
    from
      "messages" "lm"
    where
      (
        "lm"."conversation_id" = "conversations"."id"
        and (
          exists (
            select
              1
            from
              "membership_periods" mp
            where
              mp.conversation_id = "lm"."conversation_id"
              and mp.user_id = $4
              and (
                "lm"."seq" > mp.after_seq
                and (
                  mp.until_seq is null
                  or "lm"."seq" <= mp.until_seq
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
              and mh.message_id = "lm"."id"
          )
        )
      )
    order by
      "lm"."seq" desc
    limit
      $6
  ) "last_visible" on true
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
        and "op"."user_id" <> $7
        and "conversations"."type" = 'direct'
      )
    limit
      $8
  ) "other_member" on true
where
  (
    "mine"."user_id" = $9
    and "conversations"."id" in (
      select
        "conversations"."id"
      from
        "participants" "mine"
        inner join "conversations" on "conversations"."id" = "mine"."conversation_id"
      where
        (
          "mine"."user_id" = $10
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
          ) < ($11::timestamptz, $12::uuid)
        )
      order by
        coalesce(
          "conversations"."last_message_at",
          "conversations"."created_at"
        ) desc,
        "conversations"."id" desc
      limit
        $13
    )
  )
order by
  coalesce(
    "conversations"."last_message_at",
    "conversations"."created_at"
  ) desc,
  "conversations"."id" desc;
-- $1 = "00000000-0000-4000-8000-0000000000a1"
-- $2 = "00000000-0000-4000-8000-0000000000a1"
-- $3 = "00000000-0000-4000-8000-0000000000a1"
-- $4 = "00000000-0000-4000-8000-0000000000a1"
-- $5 = "00000000-0000-4000-8000-0000000000a1"
-- $6 = 1
-- $7 = "00000000-0000-4000-8000-0000000000a1"
-- $8 = 1
-- $9 = "00000000-0000-4000-8000-0000000000a1"
-- $10 = "00000000-0000-4000-8000-0000000000a1"
-- $11 = "2026-01-02T03:04:05.678901Z"
-- $12 = "00000000-0000-4000-8000-0000000000c1"
-- $13 = 21
