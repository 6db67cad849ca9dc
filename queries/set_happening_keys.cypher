// File records under their blocking keys (the key nodes exist: lock_happening_keys made them):
// the event's happening_keys, and one KEYED relationship per key carrying the record's time, which
// happening_candidates seeks. The old keys are replaced.
// :param rows => [{id: 'ev:x', keys: ['prk|rus|04'], earliest: date('2025-08-12'), latest: date('2025-08-12')}]
UNWIND $rows AS row
MATCH (e:Event {id: row.id})
SET e.happening_keys = row.keys
WITH e, row
CALL (e) {
  MATCH (e)-[old:KEYED]->()
  DELETE old
}
WITH e, row
UNWIND row.keys AS key
MATCH (k:HappeningKey {key: key})
CREATE (e)-[:KEYED {key: key, earliest: row.earliest, latest: row.latest}]->(k)
