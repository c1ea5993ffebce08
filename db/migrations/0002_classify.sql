CREATE TABLE "classifier_choices" (
	"id" serial PRIMARY KEY NOT NULL,
	"ticket_id" integer NOT NULL,
	"text" text NOT NULL,
	"category_code" text NOT NULL,
	"confirmed_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_code" text NOT NULL,
	"place_key" text NOT NULL,
	"place_name" text NOT NULL,
	"community_unit_id" integer,
	"ticket_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"caller_count" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"alerted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repeat_settings" (
	"version" integer PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "supervision_candidates" (
	"id" serial PRIMARY KEY NOT NULL,
	"ticket_id" integer NOT NULL,
	"category_code" text NOT NULL,
	"ticket_ids" integer[] NOT NULL,
	"repeat_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_links" (
	"ticket_id" integer NOT NULL,
	"linked_ticket_id" integer NOT NULL,
	"reasons" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_links_ticket_id_linked_ticket_id_pk" PRIMARY KEY("ticket_id","linked_ticket_id")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "address_key" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "community_unit_id" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "grid_code" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "rule_version" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "repeat_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "classifier_choices" ADD CONSTRAINT "classifier_choices_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifier_choices" ADD CONSTRAINT "classifier_choices_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_community_unit_id_units_id_fk" FOREIGN KEY ("community_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repeat_settings" ADD CONSTRAINT "repeat_settings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_candidates" ADD CONSTRAINT "supervision_candidates_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_links" ADD CONSTRAINT "ticket_links_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_links" ADD CONSTRAINT "ticket_links_linked_ticket_id_tickets_id_fk" FOREIGN KEY ("linked_ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clusters_place_idx" ON "clusters" USING btree ("place_key","category_code","last_at");--> statement-breakpoint
CREATE INDEX "ticket_links_linked_idx" ON "ticket_links" USING btree ("linked_ticket_id");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_community_unit_id_units_id_fk" FOREIGN KEY ("community_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_place_idx" ON "tickets" USING btree ("community_unit_id","category_code","created_at");--> statement-breakpoint
CREATE INDEX "tickets_address_key_idx" ON "tickets" USING btree ("address_key","category_code");