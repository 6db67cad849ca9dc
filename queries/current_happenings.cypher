// The happenings these records belong to now, with all their members: what a regrouping replaces.
// :param ids => ['ev:2025-08-12-kim-putin-call']
UNWIND $ids AS id
MATCH (:Event {id: id})-[:REPORTS]->(h:Happening)
WITH DISTINCT h
MATCH (m:Event)-[r:REPORTS]->(h)
RETURN h.id AS id, h.aliases AS aliases, h.content_hash AS content_hash,
       collect(m.id) AS members
