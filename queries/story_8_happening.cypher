// One happening and its reports: the Kim–Putin call as the seed article gives it and as the GDELT
// rows of the next day code it, each record an event node that REPORTS the one happening, with who
// took part in each and the claims that report it (at most $limit records, the earliest first, and
// $limit claims), and the relationships between them but the derived INTERACTED_WITH, in one row.
// :param call => 'ev:2025-08-12-kim-putin-call'
// :param limit => 15
MATCH (:Event {id: $call})-[:REPORTS]->(happening:Happening)
CALL (happening) {
  MATCH (e:Event)-[:REPORTS]->(happening)
  WITH e ORDER BY e.valid_from, e.id LIMIT $limit
  RETURN collect(e) AS records
}
CALL (records) {
  UNWIND records AS e
  MATCH (actor:Actor)-[:PARTICIPATED_IN]->(e)
  RETURN collect(DISTINCT actor) AS participants
}
CALL (records) {
  UNWIND records AS e
  MATCH (e)-[:SUPPORTED_BY]->(claim:Claim)
  WITH claim ORDER BY claim.id LIMIT $limit
  RETURN collect(claim) AS claims
}
WITH [happening] + records + participants + claims AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b) WHERE b IN nodes AND NOT r:INTERACTED_WITH
  RETURN collect(r) AS relationships
}
RETURN nodes, relationships
