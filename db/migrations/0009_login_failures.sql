CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"address" text NOT NULL,
	"username_key" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "login_failures_address_idx" ON "login_failures" USING btree ("address","username_key","at");--> statement-breakpoint
CREATE INDEX "login_failures_at_idx" ON "login_failures" USING btree ("at");