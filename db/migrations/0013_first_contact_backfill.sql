-- Issue 15.6: the snapshot keeps when the handling's first reply told the citizen (`citizenToldAt`),
-- which stops the first-contact clock as the report does. Tickets whose reply was sent back before
-- it was kept get it from their first `ticket.replied` event of the current handling; the sweeper
-- then recomputes their stored clock columns.
UPDATE "tickets" AS t
SET "detail" = jsonb_set(t."detail", '{citizenToldAt}', to_jsonb(r."told"))
FROM (
  SELECT DISTINCT ON (e."ticket_id") e."ticket_id", e."payload"->>'citizenToldAt' AS "told"
  FROM "events" AS e
  JOIN "tickets" AS t2 ON t2."id" = e."ticket_id"
  WHERE e."type" = 'ticket.replied'
    AND t2."state" = 'in_progress'
    AND (t2."detail"->>'citizenToldAt') IS NULL
    AND (t2."detail"->>'dispatchedAt') IS NOT NULL
    AND e."at" > (t2."detail"->>'dispatchedAt')::timestamptz
  ORDER BY e."ticket_id", e."seq"
) AS r
WHERE t."id" = r."ticket_id";
