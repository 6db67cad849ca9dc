// Databases made by versions before the seek keys: copy the ids of its two actors onto each
// INTERACTED_WITH edge that lacks them (interaction_from / interaction_to index them), in
// transactions of 10,000. Run by apply_schema (`geokg schema`, every load); a no-op once done.
// Needs an auto-commit transaction (`:auto` in the Browser).
MATCH (a:Actor)-[i:INTERACTED_WITH]->(b:Actor)
WHERE i.from_id IS NULL OR i.to_id IS NULL
CALL (a, i, b) {
  SET i.from_id = a.id, i.to_id = b.id
} IN TRANSACTIONS OF 10000 ROWS
