CREATE TABLE "policy_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"type" text,
	"urgent" boolean NOT NULL,
	"policy_code" text NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_assignments" ADD CONSTRAINT "policy_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER policy_assignments_append_only BEFORE UPDATE OR DELETE ON policy_assignments FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER policy_assignments_no_truncate BEFORE TRUNCATE ON policy_assignments FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
