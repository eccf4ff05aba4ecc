CREATE TABLE "event_outbox" (
	"message_id" uuid NOT NULL,
	"event" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_outbox_message_id_event_pk" PRIMARY KEY("message_id","event")
);
