-- Issue 16.6: ticket search by words of the address and description, or part of the number.
-- The character bigrams of a text, ASCII letters lower-cased (translate, not lower(): the same on
-- every locale and on PGlite), bigrams holding a space, tab or line break left out (GIN drops the
-- duplicates). Linear in the text: one split into characters, each paired with the next (lead);
-- 0.05 ms for a description, where a substr per position or a DISTINCT aggregate cost 30 times
-- more. Plain SQL, no extension: the same index on PGlite and PostgreSQL.
-- shared/search/parse-query.ts builds the query's bigrams by the same rule.
CREATE FUNCTION ticket_search_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array(
    SELECT g FROM (
      SELECT c || lead(c) OVER (ORDER BY n) AS g
      FROM regexp_split_to_table(translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '') WITH ORDINALITY AS chars(c, n)
    ) pairs
    WHERE g IS NOT NULL AND strpos(g, ' ') = 0 AND strpos(g, E'\t') = 0 AND strpos(g, E'\n') = 0 AND strpos(g, E'\r') = 0
  )
$$;
--> statement-breakpoint
CREATE INDEX "tickets_search_idx" ON "tickets" USING gin (ticket_search_grams("number" || ' ' || "address" || ' ' || "description"));
