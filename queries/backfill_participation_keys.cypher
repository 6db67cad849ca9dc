// Databases made by versions before the seek keys: copy the actor's id and the event's precision
// and valid_from onto each PARTICIPATED_IN relationship that lacks them (participation_actor
// indexes them), in transactions of 10,000. Run by apply_schema (`geokg schema`, every load); a
// no-op once done. Needs an auto-commit transaction (`:auto` in the Browser).
MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e:Event)
WHERE p.actor IS NULL OR p.valid_from IS NULL
CALL (a, p, e) {
  SET p.actor = a.id, p.time_precision = e.time_precision, p.valid_from = e.valid_from
} IN TRANSACTIONS OF 10000 ROWS
