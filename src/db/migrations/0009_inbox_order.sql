-- Each membership carries its conversation's last activity, so the inbox reads its order from an index.
-- Added empty, filled from the conversations (what the server keeps it equal to), then required.
ALTER TABLE "participants" ADD COLUMN "activity_at" timestamp with time zone;--> statement-breakpoint
UPDATE "participants" p SET "activity_at" = coalesce(c.last_message_at, c.created_at)
  FROM "conversations" c WHERE c.id = p.conversation_id;--> statement-breakpoint
ALTER TABLE "participants" ALTER COLUMN "activity_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "participants_inbox_idx" ON "participants" USING btree ("user_id",("archived_at" is not null),coalesce("pinned_at", '-infinity'::timestamptz),"activity_at","conversation_id") WHERE "participants"."left_at" is null;--> statement-breakpoint
-- The index above starts with the same column under the same condition: this one only cost writes.
DROP INDEX "participants_user_active_idx";
