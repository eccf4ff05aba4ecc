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
    "mine"."activity_at" at time zone 'UTC',
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
  "member_count",
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
    coalesce("last_marker_change", 0)
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
  case
    when (
      "other_member"."id" = $1
      or (
        case "other_member"."privacy_profile_photo"
          when 'everyone' then true
          when 'contacts' then true
          else false
        end
        and not "other_blocked"
      )
    ) then "other_member"."profile_image"
  end,
  case
    when (
      "other_member"."id" = $2
      or (
        case "other_member"."privacy_last_seen"
          when 'everyone' then true
          when 'contacts' then true
          else false
        end
        and not "other_blocked"
      )
    ) then "other_member"."last_seen_at"
  end
from
  (
    select
      "mine"."conversation_id"
    from
      "participants" "mine"
      inner join "conversations" on "conversations"."id" = "mine"."conversation_id"
    where
      (
        "mine"."user_id" = $3
        and "mine"."left_at" is null
        and "conversations"."deleted_at" is null
        and (
          "mine"."hidden_at_seq" is null
          or "conversations"."last_seq" > "mine"."hidden_at_seq"
        )
        and ("mine"."archived_at" is not null) is false
        and (
          coalesce("mine"."pinned_at", '-infinity'::timestamptz),
          "mine"."activity_at",
          "mine"."conversation_id"
        ) < (
          coalesce(
            nullif($4::text, '')::timestamptz,
            '-infinity'::timestamptz
          ),
          $5::timestamptz,
          $6::uuid
        )
      )
    order by
      coalesce("mine"."pinned_at", '-infinity'::timestamptz) desc,
      "mine"."activity_at" desc,
      "mine"."conversation_id" desc
    limit
      $7
  ) "page"
  inner join "participants" "mine" on (
    "mine"."conversation_id" = "page"."conversation_id"
    and "mine"."user_id" = $8
  )
  inner join "conversations" on "conversations"."id" = "page"."conversation_id"
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
      "ou"."last_seen_at",
      "ou"."privacy_profile_photo",
      "ou"."privacy_last_seen",
      exists (
        select
          1
        from
          "user_blocks" ub
        where
          (
            ub.blocker_id = $9
            and ub.blocked_id = "ou"."id"
          )
          or (
            ub.blocker_id = "ou"."id"
            and ub.blocked_id = $10
          )
      ) as "other_blocked"
    from
      "participants" "op"
      inner join "users" "ou" on "ou"."id" = "op"."user_id"
    where
      (
        "op"."conversation_id" = "conversations"."id"
        and "op"."user_id" <> $11
        and "conversations"."type" = 'direct'
      )
    limit
      $12
  ) "other_member" on true
  inner join lateral (
    select
      count(*) filter (
        where
          "left_at" is null
      ) as "member_count",
      max("marker_change_id") as "last_marker_change"
    from
      "participants" "pc"
    where
      "pc"."conversation_id" = "conversations"."id"
  ) "members" on true
order by
  coalesce("mine"."pinned_at", '-infinity'::timestamptz) desc,
  "mine"."activity_at" desc,
  "mine"."conversation_id" desc;
-- $1 = "00000000-0000-4000-8000-0000000000a1"
-- $2 = "00000000-0000-4000-8000-0000000000a1"
-- $3 = "00000000-0000-4000-8000-0000000000a1"
-- $4 = ""
-- $5 = "2026-01-02T03:04:05.678901Z"
-- $6 = "00000000-0000-4000-8000-0000000000c1"
-- $7 = 21
-- $8 = "00000000-0000-4000-8000-0000000000a1"
-- $9 = "00000000-0000-4000-8000-0000000000a1"
-- $10 = "00000000-0000-4000-8000-0000000000a1"
-- $11 = "00000000-0000-4000-8000-0000000000a1"
-- $12 = 1
