-- Issue 14 item 5 (docs/decisions/open311.md): Open311 filings keep their client Idempotency-Key and a hash
-- of their fields (one answer per key and API key), and the public list pages through Open311 tickets by call time.
ALTER TABLE "open311_requests" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD COLUMN "request_hash" text;--> statement-breakpoint
CREATE INDEX "tickets_open311_idx" ON "tickets" USING btree ("call_at","id") WHERE source = 'open311';--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_idempotency_idx" ON "open311_requests" USING btree ("api_key_id","idempotency_key");