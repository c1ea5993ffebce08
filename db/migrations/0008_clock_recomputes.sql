CREATE TABLE "clock_recomputes" (
	"calendar_day_id" integer PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "clock_recomputes" ADD CONSTRAINT "clock_recomputes_calendar_day_id_calendar_days_id_fk" FOREIGN KEY ("calendar_day_id") REFERENCES "public"."calendar_days"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clock_recomputes_pending_idx" ON "clock_recomputes" USING btree ("calendar_day_id") WHERE "clock_recomputes"."done_at" is null;