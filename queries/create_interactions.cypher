// The actor dyads derived from new or rebuilt events (INTERACTED_WITH, keyed by event_id), with the
// event's type, scale and time copied for reads that never visit the event.
// :param rows => [{from: 'prk', to: 'rus', properties: {event_id: 'ev:x', type: 'telephone_call', mutual: false, valid_from: date('2025-08-13')}}]
UNWIND $rows AS row
MATCH (a:Actor {id: row.from})
MATCH (b:Actor {id: row.to})
CREATE (a)-[i:INTERACTED_WITH]->(b)
SET i = row.properties
