// Lock, classify and update events: the first pass of an event batch (graph/store/write_batches.py).
// An event already stored with this very content_hash is unchanged: it is not returned and takes
// no lock (nothing is written, so any concurrent writer's version simply comes after). Any other
// event node is MERGEd and write-locked (SET then REMOVE of write_lock) BEFORE its old
// content_hash is read, so concurrent writers of one id serialise and each sees the last commit.
// A changed event gets its properties and family label here; its structure is rebuilt by the next
// passes (clear_event_structure, create_event_links, create_participations, create_interactions,
// create_claims, set_first_reported) in the same transaction.
// Unchanged means the same content AND its structure whole: its type link, its place link, as many
// participations and own claims as the record makes (the counts come with the row). An event whose
// links were lost (its type node deleted by a graph emptied under a running writer, say) is
// 'updated': rebuilt, so a reload repairs it. The test is written twice: before the lock (the
// fast path) and after it (what a concurrent writer committed meanwhile).
// :param rows => [{id: 'ev:x', family_label: 'Diplomacy', has_place: false, participations: 2, claims: 1, properties: {type: 'telephone_call', content_hash: 'x', valid_from: date('2025-08-13')}}]
UNWIND $rows AS row
OPTIONAL MATCH (same:Event {id: row.id})
  WHERE same.content_hash = row.properties.content_hash
    AND EXISTS { (same)-[:OF_TYPE]->() } AND (EXISTS { (same)-[:TOOK_PLACE_IN]->() }) = row.has_place
    AND COUNT { (same)<-[:PARTICIPATED_IN]-() } = row.participations
    AND COUNT { (same)-[:SUPPORTED_BY]->(c:Claim) WHERE c.mention IS NULL } = row.claims
WITH row WHERE same IS NULL
MERGE (e:Event {id: row.id})
SET e.write_lock = true
REMOVE e.write_lock
WITH row, e, CASE
  WHEN e.content_hash IS NULL THEN 'created'
  WHEN e.content_hash = row.properties.content_hash
    AND EXISTS { (e)-[:OF_TYPE]->() } AND (EXISTS { (e)-[:TOOK_PLACE_IN]->() }) = row.has_place
    AND COUNT { (e)<-[:PARTICIPATED_IN]-() } = row.participations
    AND COUNT { (e)-[:SUPPORTED_BY]->(c:Claim) WHERE c.mention IS NULL } = row.claims THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, e, outcome) {
  WITH row, e WHERE outcome <> 'unchanged'
  SET e += row.properties, e.updated_at = datetime(), e.recorded_at = coalesce(e.recorded_at, datetime())
  REMOVE e:$([label IN labels(e) WHERE label <> 'Event'])
  SET e:$(row.family_label)
}
RETURN row.id AS id, outcome
