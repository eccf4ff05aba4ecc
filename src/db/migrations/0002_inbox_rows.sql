ALTER TABLE "participants" ADD COLUMN "unread_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "last_visible_seq" bigint;--> statement-breakpoint
-- Backfill: the same rule the server applies (history visibility through membership periods, hides,
-- tombstones not counted as unread, one's own messages never unread).
UPDATE "participants" p SET
  "unread_count" = (
    SELECT count(*) FROM "messages" m
    WHERE m.conversation_id = p.conversation_id
      AND m.seq > p.read_seq
      AND m.sender_id <> p.user_id
      AND m.deleted_at IS NULL
      AND EXISTS (
        SELECT 1 FROM "membership_periods" mp
        WHERE mp.conversation_id = m.conversation_id AND mp.user_id = p.user_id
          AND m.seq > mp.after_seq AND (mp.until_seq IS NULL OR m.seq <= mp.until_seq))
      AND NOT EXISTS (SELECT 1 FROM "message_hides" mh WHERE mh.user_id = p.user_id AND mh.message_id = m.id)),
  "last_visible_seq" = (
    SELECT m.seq FROM "messages" m
    WHERE m.conversation_id = p.conversation_id
      AND EXISTS (
        SELECT 1 FROM "membership_periods" mp
        WHERE mp.conversation_id = m.conversation_id AND mp.user_id = p.user_id
          AND m.seq > mp.after_seq AND (mp.until_seq IS NULL OR m.seq <= mp.until_seq))
      AND NOT EXISTS (SELECT 1 FROM "message_hides" mh WHERE mh.user_id = p.user_id AND mh.message_id = m.id)
    ORDER BY m.seq DESC LIMIT 1);
