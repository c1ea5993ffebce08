-- The search index holds numbered rows only (migration 0020), and PostgreSQL takes no statistics
-- from a partial index: without these the planner guessed every word rare, and a common one
-- ("油烟", a fifth of all descriptions) was read through the index and sorted (0.5 s at 200,000
-- tickets) instead of taking the newest rows in order (a few ms).
CREATE STATISTICS "tickets_search_grams_stats" ON (ticket_search_grams("number" || ' ' || "address" || ' ' || "description")) FROM "tickets";
--> statement-breakpoint
-- Gathered now on a line that has tickets: autovacuum analyses the table only after a tenth of its
-- rows change (days on a line with a year of tickets), and until then the new statistics would be
-- empty. An empty table (a new line, a test) is left to autovacuum, as every other table is.
DO $$ BEGIN IF EXISTS (SELECT 1 FROM "tickets") THEN ANALYZE "tickets"; END IF; END $$;
