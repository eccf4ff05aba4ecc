select
  "conversations"."id",
  "conversations"."type",
  "conversations"."title",
  "conversations"."description",
  "conversations"."image",
  "conversations"."created_at",
  "conversations"."updated_at",
  "conversations"."participant_count",
  "conversations"."last_change_id",
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
  "lm"."id",
  "lm"."sender_id",
  "lm"."content",
  "lm"."attachment_count",
  "lm"."created_at",
  "lm"."deleted_at",
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
        and not (
          "ou"."id" in (
            select
              blocked_id
            from
              "user_blocks"
            where
              blocker_id = $2
            union all
            select
              blocker_id
            from
              "user_blocks"
            where
              blocked_id = $3
          )
        )
      )
    ) then "ou"."profile_image"
  end,
  case
    when (
      "ou"."id" = $4
      or (
        case "ou"."privacy_last_seen"
          when 'everyone' then true
          when 'contacts' then true
          else false
        end
        and not (
          "ou"."id" in (
            select
              blocked_id
            from
              "user_blocks"
            where
              blocker_id = $5
            union all
            select
              blocker_id
            from
              "user_blocks"
            where
              blocked_id = $6
          )
        )
      )
    ) then "ou"."last_seen_at"
  end
from
  "participants" "mine"
  inner join "conversations" on "conversations"."id" = "mine"."conversation_id"
  left join "messages" "lm" on (
    "lm"."conversation_id" = "mine"."conversation_id"
    and "lm"."seq" = "mine"."last_visible_seq"
  )
  left join "users" "ou" on (
    "conversations"."type" = 'direct'
    and "ou"."id" = (
      case
        when split_part("conversations"."direct_key", ':', 1) = $7::text then split_part("conversations"."direct_key", ':', 2)
        else split_part("conversations"."direct_key", ':', 1)
      end
    )::uuid
  )
where
  (
    "mine"."user_id" = $8
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
        nullif($9::text, '')::timestamptz,
        '-infinity'::timestamptz
      ),
      $10::timestamptz,
      $11::uuid
    )
  )
order by
  coalesce("mine"."pinned_at", '-infinity'::timestamptz) desc,
  "mine"."activity_at" desc,
  "mine"."conversation_id" desc
limit
  $12;
-- $1 = "00000000-0000-4000-8000-0000000000a1"
-- $2 = "00000000-0000-4000-8000-0000000000a1"
-- $3 = "00000000-0000-4000-8000-0000000000a1"
-- $4 = "00000000-0000-4000-8000-0000000000a1"
-- $5 = "00000000-0000-4000-8000-0000000000a1"
-- $6 = "00000000-0000-4000-8000-0000000000a1"
-- $7 = "00000000-0000-4000-8000-0000000000a1"
-- $8 = "00000000-0000-4000-8000-0000000000a1"
-- $9 = ""
-- $10 = "2026-01-02T03:04:05.678901Z"
-- $11 = "00000000-0000-4000-8000-0000000000c1"
-- $12 = 21
