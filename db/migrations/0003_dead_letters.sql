CREATE TABLE "dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"queue" text NOT NULL,
	"tenant_id" uuid,
	"body" jsonb NOT NULL,
	"attempts" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"redriven_at" timestamp with time zone,
	CONSTRAINT "dead_letters_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE INDEX "dead_letters_received_idx" ON "dead_letters" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "dead_letters_tenant_idx" ON "dead_letters" USING btree ("tenant_id");