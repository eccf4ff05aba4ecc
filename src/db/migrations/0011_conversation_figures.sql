-- Each conversation carries its current member count and its sync cursor (the largest change id stamped
-- in it), kept on write, so the inbox reads them from the row instead of scanning members and messages.
ALTER TABLE "conversations" ADD COLUMN "participant_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "last_change_id" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill: what the server keeps them equal to.
UPDATE "conversations" c SET
  "participant_count" = (
    SELECT count(*) FROM "participants" p WHERE p.conversation_id = c.id AND p.left_at IS NULL),
  "last_change_id" = greatest(
    coalesce((SELECT max(m.change_id) FROM "messages" m WHERE m.conversation_id = c.id), 0),
    coalesce((SELECT max(p.marker_change_id) FROM "participants" p WHERE p.conversation_id = c.id), 0));
