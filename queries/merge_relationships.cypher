// Create or update standing relationships (ALLY_OF, LEADS, …) with their validity interval and claims.
// The relationship type comes from the allow-list in graph.model.RelationshipType, never from a user.
// A relationship whose id now names another type or other actors is moved, not duplicated.
// :param rows => [{id: 'rel:x', type: 'ALLY_OF', subject: 'rus', object: 'prk', claims: [], properties: {content_hash: 'x', valid_from: date('2024-06-19')}}]
UNWIND $rows AS row
MATCH (a:Actor {id: row.subject}), (b:Actor {id: row.object})
OPTIONAL MATCH ()-[old:ALLY_OF|LEADS|AT_WAR_WITH|MEMBER_OF|PART_OF|PARTNER_OF {id: row.id}]->()
WITH row, a, b, old, CASE
  WHEN old IS NULL THEN 'created'
  WHEN old.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, a, b, old, outcome) {
  WITH row, a, b, old
  WHERE outcome = 'updated' AND (type(old) <> row.type OR startNode(old) <> a OR endNode(old) <> b)
  DELETE old
}
CALL (row, a, b, outcome) {
  WITH row, a, b WHERE outcome <> 'unchanged'
  MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
  ON CREATE SET r.recorded_at = datetime()
  SET r += row.properties, r.updated_at = datetime()
  WITH row
  OPTIONAL MATCH (stale:Claim {relationship_id: row.id})
  DETACH DELETE stale
  WITH DISTINCT row
  UNWIND row.claims AS claim
  MATCH (s:Source {id: claim.source})
  MERGE (c:Claim {id: claim.id})
  SET c += claim.properties, c.relationship_id = row.id
  MERGE (c)-[:PUBLISHED_IN]->(s)
  WITH claim, c
  CALL (claim, c) {
    UNWIND claim.attributed_to AS speaker_id
    MATCH (speaker:Actor {id: speaker_id})
    MERGE (c)-[:ATTRIBUTED_TO]->(speaker)
  }
  CALL (claim, c) {
    UNWIND claim.via AS relay_id
    MATCH (relay:Actor {id: relay_id})
    MERGE (c)-[:RELAYED_BY]->(relay)
  }
}
RETURN outcome, count(*) AS records
