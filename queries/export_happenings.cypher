// Happenings for the RDF export (graph/rdf/happenings.py), one page in id order after $after
// (keyset pagination): those that at least one exported record reports (the filters of
// export_events; a null filter matches all), with those records (each with the rule and score
// that put it there) and the actors taking part in them directly.
// :param after => ''
// :param batch => 1000
// :param actor => null
// :param since => null
// :param until => null
MATCH (h:Happening)
WHERE h.id > $after
WITH h ORDER BY h.id
CALL (h) {
  MATCH (e:Event)-[r:REPORTS]->(h)
  WHERE ($actor IS NULL OR EXISTS { (:Actor {id: $actor})-[:PARTICIPATED_IN]->(e) })
    AND ($until IS NULL OR e.valid_from <= $until)
    AND ($since IS NULL OR e.valid_to IS NULL OR e.valid_to >= $since)
  WITH e, r ORDER BY e.id
  WITH collect({record: e.id, rule: r.rule, score: r.score}) AS members, collect(e) AS events
  RETURN members, COLLECT {
    UNWIND events AS e
    MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e) WHERE p.through IS NULL
    RETURN DISTINCT a.id
  } AS actors
}
WITH h, members, actors WHERE size(members) > 0
WITH h, members, actors ORDER BY h.id LIMIT $batch
RETURN h {.id, .start, .end, .precision, .status, .type, .records, .sources, .publishers,
          .datasets, .dataset_names, .first_reported, .announced, .mentions, .aliases} AS happening,
       members, actors
ORDER BY h.id
