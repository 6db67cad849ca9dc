// The actor dyads derived from new or rebuilt events (INTERACTED_WITH, keyed by event_id), with the
// event's type, scale and time copied for reads that never visit the event, and the ids of its two
// actors (from_id, to_id), which the window reads seek on (interaction_from, interaction_to).
// :param rows => [{from: 'prk', to: 'rus', event_id: 'ev:x', type: 'telephone_call', cameo: '041', mutual: false, quad_class: 1, goldstein: 1.0, status: 'reported', valid_from: date('2025-08-13'), valid_to: null, ongoing: false, time_precision: 'day'}]
UNWIND $rows AS row
MATCH (a:Actor {id: row.from})
MATCH (b:Actor {id: row.to})
CREATE (a)-[:INTERACTED_WITH {
  from_id: row.from, to_id: row.to, event_id: row.event_id, type: row.type, cameo: row.cameo, mutual: row.mutual,
  quad_class: row.quad_class, goldstein: row.goldstein, status: row.status,
  valid_from: row.valid_from, valid_to: row.valid_to, ongoing: row.ongoing,
  time_precision: row.time_precision}]->(b)
