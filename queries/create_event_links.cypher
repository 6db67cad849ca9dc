// Link new or rebuilt events to their type and place (their old links are gone, so CREATE).
// :param rows => [{id: 'ev:x', type: 'telephone_call', place: 'alaska'}]
UNWIND $rows AS row
MATCH (e:Event {id: row.id})
MATCH (t:EventType {id: row.type})
CREATE (e)-[:OF_TYPE]->(t)
WITH e, row WHERE row.place IS NOT NULL
MATCH (p:Place {id: row.place})
CREATE (e)-[:TOOK_PLACE_IN]->(p)
