CREATE TABLE "supervision_counters" (
	"year" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_replies" (
	"id" serial PRIMARY KEY NOT NULL,
	"supervision_id" integer NOT NULL,
	"progress" text NOT NULL,
	"content" text NOT NULL,
	"head_name" text NOT NULL,
	"signed_at" text NOT NULL,
	"sealed" boolean NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"scope" text NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"ticket_id" integer NOT NULL,
	"related_ticket_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"candidate_kind" text,
	"candidate_ref" text,
	"unit_id" integer NOT NULL,
	"previous_id" integer,
	"situation" text NOT NULL,
	"opinion" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"policy_code" text NOT NULL,
	"policy_version" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"first_replied_at" timestamp with time zone,
	"opened_by" integer NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"outcome_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervisions_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "supervision_replies" ADD CONSTRAINT "supervision_replies_supervision_id_supervisions_id_fk" FOREIGN KEY ("supervision_id") REFERENCES "public"."supervisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_replies" ADD CONSTRAINT "supervision_replies_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_replies_supervision_idx" ON "supervision_replies" USING btree ("supervision_id");--> statement-breakpoint
CREATE INDEX "supervisions_ticket_idx" ON "supervisions" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "supervisions_unit_state_idx" ON "supervisions" USING btree ("unit_id","state");--> statement-breakpoint
CREATE INDEX "supervisions_started_idx" ON "supervisions" USING btree ("started_at");