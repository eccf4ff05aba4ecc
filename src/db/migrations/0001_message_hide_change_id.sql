-- IF NOT EXISTS: databases created from an earlier copy of 0000_init already have this column.
ALTER TABLE "message_hides" ADD COLUMN IF NOT EXISTS "change_id" bigint DEFAULT nextval('change_seq') NOT NULL;
