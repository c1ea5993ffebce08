ALTER TABLE "shifts" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shifts" ADD COLUMN "retired_by" integer;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_retired_by_users_id_fk" FOREIGN KEY ("retired_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;