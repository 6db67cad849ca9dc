// Lock, classify and update standing relationships (ALLY_OF, LEADS, …): the first pass of a
// relationship batch (graph/store/write_batches.py); clear_relationship_claims and create_claims follow.
// The type comes from the allow-list in graph.model.RelationshipType, never from a user. A
// relationship whose id now names another type or other actors is moved, not duplicated. The
// relationship is MERGEd (each type's id is unique: schema.cypher) and write-locked before its
// old content_hash is read, so concurrent writers of one id serialise.
// :param rows => [{id: 'rel:x', type: 'ALLY_OF', subject: 'rus', object: 'prk', properties: {content_hash: 'x', valid_from: date('2024-06-19')}}]
UNWIND $rows AS row
MATCH (a:Actor {id: row.subject})
MATCH (b:Actor {id: row.object})
CALL (row, a, b) {
  OPTIONAL MATCH ()-[r1:ALLY_OF {id: row.id}]->()
  OPTIONAL MATCH ()-[r2:LEADS {id: row.id}]->()
  OPTIONAL MATCH ()-[r3:AT_WAR_WITH {id: row.id}]->()
  OPTIONAL MATCH ()-[r4:MEMBER_OF {id: row.id}]->()
  OPTIONAL MATCH ()-[r5:PART_OF {id: row.id}]->()
  OPTIONAL MATCH ()-[r6:PARTNER_OF {id: row.id}]->()
  UNWIND [old IN [r1, r2, r3, r4, r5, r6]
          WHERE old IS NOT NULL AND (type(old) <> row.type OR startNode(old) <> a OR endNode(old) <> b)]
         AS moved
  SET moved.write_lock = true
  DELETE moved
  RETURN count(moved) AS moved
}
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r.write_lock = true
REMOVE r.write_lock
WITH row, r, CASE
  WHEN r.content_hash IS NULL AND moved = 0 THEN 'created'
  WHEN r.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, r, outcome) {
  WITH row, r WHERE outcome <> 'unchanged'
  SET r += row.properties, r.updated_at = datetime(), r.recorded_at = coalesce(r.recorded_at, datetime())
}
RETURN row.id AS id, outcome
