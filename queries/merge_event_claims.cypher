// Add another source's claim to an event already in the graph (a GDELT mention), and move the
// event's first_reported earlier when this source published first. The claim is captioned by its
// source's publisher, as link_claim_sources captions a record's own claims. Returns the events that
// gained a claim, whose happenings are regrouped (write_batches.write_event_claims).
// :param rows => [{event: 'gdelt:1250112345', id: 'claim:x', source: 'src:x', properties: {dataset: 'gdelt', record_id: '1250112345', confidence: 80.0}}]
UNWIND $rows AS row
MATCH (e:Event {id: row.event}), (s:Source {id: row.source})
OPTIONAL MATCH (old:Claim {id: row.id})
WITH row, e, s, CASE WHEN old IS NULL THEN 'created' ELSE 'unchanged' END AS outcome
CALL (row, e, s, outcome) {
  WITH row, e, s WHERE outcome = 'created'
  MERGE (c:Claim {id: row.id})
  SET c += row.properties, c.caption = s.publisher
  MERGE (e)-[:SUPPORTED_BY]->(c)
  MERGE (c)-[:PUBLISHED_IN]->(s)
  SET e.first_reported = CASE WHEN e.first_reported IS NULL OR s.published < e.first_reported
                              THEN s.published ELSE e.first_reported END
}
RETURN outcome, count(*) AS records,
       collect(DISTINCT CASE WHEN outcome = 'created' THEN row.event END) AS events
