// The claims of new or rebuilt events and relationships (their old claims are gone, so CREATE):
// each published in its source, said by its speakers, relayed by its relays. An event's claim hangs
// off the event (SUPPORTED_BY); a relationship's claim names it in relationship_id.
// :param rows => [{id: 'claim:x', source: 'src:seed', event: 'ev:x', relationship: null, attributed_to: [], via: [], properties: {quote: 'x', language: 'en'}}]
UNWIND $rows AS row
MATCH (s:Source {id: row.source})
CREATE (c:Claim {id: row.id})-[:PUBLISHED_IN]->(s)
SET c += row.properties, c.relationship_id = row.relationship
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
