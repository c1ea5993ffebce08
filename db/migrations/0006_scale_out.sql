CREATE INDEX "events_type_at_idx" ON "events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "tickets_open_idx" ON "tickets" USING btree ("state","light","lead_unit_id","due_at") WHERE state not in ('archived', 'closed_on_call', 'filed');--> statement-breakpoint
CREATE INDEX "tickets_open_unit_idx" ON "tickets" USING btree ("lead_unit_id","id") WHERE state not in ('archived', 'closed_on_call', 'filed');--> statement-breakpoint
CREATE INDEX "tickets_open_assist_idx" ON "tickets" USING gin ("assist_unit_ids") WHERE state not in ('archived', 'closed_on_call', 'filed');--> statement-breakpoint
CREATE INDEX "tickets_pending_requests_idx" ON "tickets" USING btree ("id") WHERE coalesce(jsonb_array_length(detail->'pendingRequests'), 0) > 0;