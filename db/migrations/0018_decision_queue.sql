-- Issue 17.7: the decision queue (server/tickets/decision-routes.ts) at a million tickets.
-- 1. The marker of an accepted closing report on the ticket row: the `at` of the reply accepted
--    (acceptReply sets it in the transaction that appends `ticket.reply_accepted`), backfilled
--    from those events — the latest per ticket (an earlier reply sent back and replaced counts no more).
ALTER TABLE "tickets" ADD COLUMN "reply_accepted_at" text;--> statement-breakpoint
UPDATE "tickets" t SET "reply_accepted_at" = e.reply_at
FROM (
  SELECT DISTINCT ON (ticket_id) ticket_id, payload->>'replyAt' AS reply_at
  FROM "events" WHERE type = 'ticket.reply_accepted' AND ticket_id IS NOT NULL
  ORDER BY ticket_id, seq DESC
) e
WHERE t.id = e.ticket_id;--> statement-breakpoint
-- 2. What waits for a decision on a ticket, from its snapshot: one item per pending request
--    (`detail.pendingRequests`, kind and `at`) and one for a reply in state 'replied' whose `at`
--    is not the accepted one — the same rule the route applied in JS before. Plain SQL functions of
--    the row's own columns, IMMUTABLE, so PostgreSQL (and PGlite) keeps them as stored columns on
--    every write, whoever writes.
CREATE FUNCTION ticket_decision_kinds(state text, detail jsonb, reply_accepted_at text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array(
    SELECT r->>'kind'
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(detail->'pendingRequests') = 'array' THEN detail->'pendingRequests' ELSE '[]'::jsonb END) AS r
    UNION ALL
    SELECT 'reply'
    WHERE state = 'replied' AND detail->'reply'->>'at' IS NOT NULL AND detail->'reply'->>'at' IS DISTINCT FROM reply_accepted_at
  )
$$;--> statement-breakpoint
-- When the oldest item started waiting; null when nothing waits (the queue's predicate).
CREATE FUNCTION ticket_decision_since(state text, detail jsonb, reply_accepted_at text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT min(at) FROM (
    SELECT r->>'at' AS at
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(detail->'pendingRequests') = 'array' THEN detail->'pendingRequests' ELSE '[]'::jsonb END) AS r
    UNION ALL
    SELECT detail->'reply'->>'at'
    WHERE state = 'replied' AND detail->'reply'->>'at' IS NOT NULL AND detail->'reply'->>'at' IS DISTINCT FROM reply_accepted_at
  ) items
$$;--> statement-breakpoint
-- 3. Stored (one rewrite of the table here), with a partial index holding only the tickets that
--    wait: the queue pages through it oldest first, and counts its items per kind from it alone
--    (INCLUDE, not modelled by drizzle: the schema declares the key columns and the predicate).
ALTER TABLE "tickets" ADD COLUMN "decision_since" text GENERATED ALWAYS AS (ticket_decision_since(state, detail, reply_accepted_at)) STORED;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "decision_kinds" text[] GENERATED ALWAYS AS (ticket_decision_kinds(state, detail, reply_accepted_at)) STORED;--> statement-breakpoint
CREATE INDEX "tickets_decision_idx" ON "tickets" USING btree ("decision_since","id") INCLUDE ("decision_kinds") WHERE decision_since is not null;--> statement-breakpoint
-- The queue's earlier predicate (pending requests, ORed with tickets_state_idx) is read no more.
DROP INDEX "tickets_pending_requests_idx";
