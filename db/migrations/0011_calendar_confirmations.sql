CREATE TABLE "calendar_confirmations" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "calendar_confirmations_year_unique" UNIQUE("year")
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD COLUMN "confirmation_id" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_confirmations" ADD CONSTRAINT "calendar_confirmations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_confirmation_id_calendar_confirmations_id_fk" FOREIGN KEY ("confirmation_id") REFERENCES "public"."calendar_confirmations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER calendar_confirmations_append_only BEFORE UPDATE OR DELETE ON calendar_confirmations FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER calendar_confirmations_no_truncate BEFORE TRUNCATE ON calendar_confirmations FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
