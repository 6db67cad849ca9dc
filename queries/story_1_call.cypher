// The 2025-08-12 Kim–Putin call: who took part (and the states they spoke for), the claim that
// reports it, the source that printed it, who the source says said it, and every relationship
// between them, in one row (so the Browser's counts are those of the graph it draws).
// :param call => 'ev:2025-08-12-kim-putin-call'
MATCH (call:Event {id: $call})
CALL (call) {
  MATCH (actor:Actor)-[:PARTICIPATED_IN]->(call)
  RETURN collect(actor) AS participants
}
CALL (call) {
  MATCH (call)-[:SUPPORTED_BY]->(claim:Claim)-[:PUBLISHED_IN]->(source:Source)
  OPTIONAL MATCH (claim)-[:ATTRIBUTED_TO|RELAYED_BY]->(speaker:Actor)
  RETURN collect(claim) + collect(source) + collect(speaker) AS reports
}
UNWIND [call] + participants + reports AS node
WITH collect(DISTINCT node) AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b) WHERE b IN nodes
  RETURN collect(r) AS relationships
}
RETURN nodes, relationships
