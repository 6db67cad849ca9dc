// Databases made by versions before captions: caption each claim that lacks one by its source's
// publisher (as link_claim_sources writes it), in transactions of 10,000. Run by apply_schema
// with backfill_event_captions, before the event_caption index is created; a no-op once done.
// Needs an auto-commit transaction (`:auto` in the Browser).
MATCH (c:Claim)-[:PUBLISHED_IN]->(s:Source)
WHERE c.caption IS NULL
CALL (c, s) {
  SET c.caption = s.publisher
} IN TRANSACTIONS OF 10000 ROWS
