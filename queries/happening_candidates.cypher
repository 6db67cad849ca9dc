// The records filed under a blocking key whose time reaches into a span: the matcher's candidates
// (graph/happenings/attach.py). Seeks the KEYED index on (key, latest); Neo4j cannot index the
// elements of a list property, so each key of a record is one KEYED relationship.
// :param rows => [{key: 'prk|rus|04', from: date('2025-08-09'), to: date('2025-08-15')}]
UNWIND $rows AS row
MATCH (e:Event)-[k:KEYED]->(:HappeningKey)
WHERE k.key = row.key AND k.latest >= row.from AND k.earliest <= row.to
RETURN DISTINCT e.id AS id
