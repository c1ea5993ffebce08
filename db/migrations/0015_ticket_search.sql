-- Issue 16.6: ticket search by words of the address and description, or part of the number.
-- The distinct character bigrams of a text, ASCII letters lower-cased (translate, not lower(): the
-- same on every locale and on PGlite), bigrams holding a space left out. Plain SQL, no extension:
-- the same index on PGlite and PostgreSQL. server/search/search-tickets.ts builds the query's
-- bigrams by the same rule (shared/search/parse-query.ts).
CREATE FUNCTION ticket_search_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
  FROM (
    SELECT substr(translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), i, 2) AS g
    FROM generate_series(1, char_length(t) - 1) AS i
  ) grams
  WHERE g !~ '\s'
$$;
--> statement-breakpoint
CREATE INDEX "tickets_search_idx" ON "tickets" USING gin (ticket_search_grams("number" || ' ' || "address" || ' ' || "description"));
