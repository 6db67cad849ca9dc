// The 2025-08-12 Kim–Putin call: who took part (and the states they spoke for), the claims that
// report it (at most $limit), the sources that printed them, who the sources say said it, and the
// relationships between them but the derived INTERACTED_WITH (one per event the actors share: on a
// real graph, hundreds), in one row (so the Browser's counts are those of the graph it draws).
// :param call => 'ev:2025-08-12-kim-putin-call'
// :param limit => 20
MATCH (call:Event {id: $call})
CALL (call) {
  MATCH (actor:Actor)-[:PARTICIPATED_IN]->(call)
  RETURN collect(actor) AS participants
}
CALL (call) {
  MATCH (call)-[:SUPPORTED_BY]->(claim:Claim)-[:PUBLISHED_IN]->(source:Source)
  WITH claim, source ORDER BY source.published, claim.id LIMIT $limit
  OPTIONAL MATCH (claim)-[:ATTRIBUTED_TO|RELAYED_BY]->(speaker:Actor)
  RETURN collect(claim) + collect(source) + collect(speaker) AS reports
}
UNWIND [call] + participants + reports AS node
WITH collect(DISTINCT node) AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b) WHERE b IN nodes AND NOT r:INTERACTED_WITH
  RETURN collect(r) AS relationships
}
RETURN nodes, relationships
