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
  coalesce(
    to_char(
      "mine"."pinned_at" at time zone 'UTC',
      'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
    ),
    ''
  ),
  to_char(
    coalesce(
      "conversations"."last_message_at",
      "conversations"."created_at"
    ) at time zone 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
  ),
  "mine"."pinned_at" is not null,
  "mine"."archived_at" is not null,
  case
    when "mine"."muted_until" = 'infinity' then 'forever'
    when "mine"."muted_until" > now() then to_char(
      "mine"."muted_until" at time zone 'UTC',
      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'
    )
  end,
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
  "profile_image",
  "last_seen_at"
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
      case
        when (
          "ou"."id" = $1
          or (
            case "ou"."privacy_profile_photo"
              when 'everyone' then true
              when 'contacts' then true
              else false
            end
            and not exists (
              select
                1
              from
                "user_blocks" ub
              where
                (
                  ub.blocker_id = $2
                  and ub.blocked_id = "ou"."id"
                )
                or (
                  ub.blocker_id = "ou"."id"
                  and ub.blocked_id = $3
                )
            )
          )
        ) then "ou"."profile_image"
      end as "profile_image",
      case
        when (
          "ou"."id" = $4
          or (
            case "ou"."privacy_last_seen"
              when 'everyone' then true
              when 'contacts' then true
              else false
            end
            and not exists (
              select
                1
              from
                "user_blocks" ub
              where
                (
                  ub.blocker_id = $5
                  and ub.blocked_id = "ou"."id"
                )
                or (
                  ub.blocker_id = "ou"."id"
                  and ub.blocked_id = $6
                )
            )
          )
        ) then "ou"."last_seen_at"
      end as "last_seen_at"
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
          and ("mine"."archived_at" is not null) = $11::boolean
          and (
            coalesce("mine"."pinned_at", '-infinity'::timestamptz),
            coalesce(
              "conversations"."last_message_at",
              "conversations"."created_at"
            ),
            "conversations"."id"
          ) < (
            coalesce(
              nullif($12::text, '')::timestamptz,
              '-infinity'::timestamptz
            ),
            $13::timestamptz,
            $14::uuid
          )
        )
      order by
        coalesce("mine"."pinned_at", '-infinity'::timestamptz) desc,
        coalesce(
          "conversations"."last_message_at",
          "conversations"."created_at"
        ) desc,
        "conversations"."id" desc
      limit
        $15
    )
  )
order by
  coalesce("mine"."pinned_at", '-infinity'::timestamptz) desc,
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
-- $6 = "00000000-0000-4000-8000-0000000000a1"
-- $7 = "00000000-0000-4000-8000-0000000000a1"
-- $8 = 1
-- $9 = "00000000-0000-4000-8000-0000000000a1"
-- $10 = "00000000-0000-4000-8000-0000000000a1"
-- $11 = false
-- $12 = ""
-- $13 = "2026-01-02T03:04:05.678901Z"
-- $14 = "00000000-0000-4000-8000-0000000000c1"
-- $15 = 21
