CREATE TABLE "call_status_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"call_id" integer,
	"call_sid" text NOT NULL,
	"source" text NOT NULL,
	"twilio_status" text,
	"dedupe_key" text NOT NULL,
	"params" jsonb NOT NULL,
	"applied" boolean NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_status_events_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_sid" text NOT NULL,
	"direction" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	"citizen_phone" text,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"simulated" boolean DEFAULT false NOT NULL,
	"queued_at" timestamp with time zone,
	"ringing_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"dial_result" text,
	"wait_seconds" integer,
	"talk_seconds" integer,
	"claimed_by" integer,
	"claimed_at" timestamp with time zone,
	"ticket_id" integer,
	"requested_by" integer,
	"callback_of" integer,
	"callback_call_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_call_sid_unique" UNIQUE("call_sid")
);
--> statement-breakpoint
ALTER TABLE "call_status_events" ADD CONSTRAINT "call_status_events_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_callback_of_calls_id_fk" FOREIGN KEY ("callback_of") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_callback_call_id_calls_id_fk" FOREIGN KEY ("callback_call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_status_events_call_idx" ON "call_status_events" USING btree ("call_id","id");--> statement-breakpoint
CREATE INDEX "calls_status_idx" ON "calls" USING btree ("status");--> statement-breakpoint
CREATE INDEX "calls_citizen_phone_idx" ON "calls" USING btree ("citizen_phone","id");--> statement-breakpoint
CREATE INDEX "calls_queued_at_idx" ON "calls" USING btree ("queued_at");--> statement-breakpoint
CREATE INDEX "calls_ticket_idx" ON "calls" USING btree ("ticket_id");