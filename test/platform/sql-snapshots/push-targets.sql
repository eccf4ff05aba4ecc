select
  m.id as message_id,
  s.id,
  s.user_id
from
  jsonb_to_recordset($1::jsonb) as m (
    id uuid,
    conversation_id uuid,
    seq bigint,
    sender_id uuid
  )
  cross join lateral (
    (
      select
        "push_subscriptions"."id",
        "push_subscriptions"."user_id"
      from
        "push_subscriptions"
        inner join "sessions" on "sessions"."id" = "push_subscriptions"."session_id"
        inner join "participants" on (
          "participants"."conversation_id" = m.conversation_id
          and "participants"."user_id" = "push_subscriptions"."user_id"
        )
      where
        (
          (
            "participants"."muted_until" is null
            or "participants"."muted_until" <= $2::timestamptz
          )
          and not exists (
            select
              1
            from
              "user_blocks"
            where
              (
                "user_blocks"."blocker_id" = "push_subscriptions"."user_id"
                and "user_blocks"."blocked_id" = m.sender_id
              )
          )
          and "push_subscriptions"."user_id" in (
            select distinct
              "membership_periods"."user_id"
            from
              "membership_periods"
              inner join "participants" on (
                "participants"."conversation_id" = "membership_periods"."conversation_id"
                and "participants"."user_id" = "membership_periods"."user_id"
                and "participants"."left_at" is null
              )
            where
              (
                "membership_periods"."conversation_id" = m.conversation_id
                and (
                  m.seq > "membership_periods"."after_seq"
                  and (
                    "membership_periods"."until_seq" is null
                    or m.seq <= "membership_periods"."until_seq"
                  )
                )
                and not exists (
                  select
                    1
                  from
                    "message_hides"
                  where
                    (
                      "message_hides"."message_id" = m.id
                      and "message_hides"."user_id" = "membership_periods"."user_id"
                    )
                )
              )
          )
          and "push_subscriptions"."user_id" <> m.sender_id
          and "sessions"."revoked_at" is null
          and "sessions"."expires_at" > $3::timestamptz
        )
    )
  ) s;
-- $1 = {"placeholder":"messages"}
-- $2 = {"placeholder":"now"}
-- $3 = {"placeholder":"now"}
