// The claims of new or rebuilt events and relationships (their old claims are gone, so CREATE),
// each said by its speakers and relayed by its relays; link_claim_sources then links their sources.
// An event's claim hangs off the event (SUPPORTED_BY); a relationship's names it in relationship_id.
// Properties are named in the CREATE (a SET of a map could touch the ids the seeks read: Eager).
// A data set's claim quotes nothing and names its dataset and record instead.
// :param rows => [{id: 'claim:x', source: 'src:seed', event: 'ev:x', relationship: null, attributed_to: [], via: [], quote: 'x', language: 'en', translation: null, dataset: null, record_id: null, confidence: null}]
UNWIND $rows AS row
CREATE (c:Claim {id: row.id, quote: row.quote, language: row.language, translation: row.translation,
                 dataset: row.dataset, record_id: row.record_id, confidence: row.confidence,
                 relationship_id: row.relationship})
WITH row, c
CALL (row, c) {
  MATCH (e:Event {id: row.event})
  CREATE (e)-[:SUPPORTED_BY]->(c)
}
CALL (row, c) {
  UNWIND row.attributed_to AS speaker_id
  MATCH (speaker:Actor {id: speaker_id})
  CREATE (c)-[:ATTRIBUTED_TO]->(speaker)
}
CALL (row, c) {
  UNWIND row.via AS relay_id
  MATCH (relay:Actor {id: relay_id})
  CREATE (c)-[:RELAYED_BY]->(relay)
}
