// Actors by id, with their names, external ids and every standing relationship they hold.
// :param ids => ['vladimir_putin']
UNWIND range(0, size($ids) - 1) AS position
MATCH (a:Actor {id: $ids[position]})
CALL (a) {
  OPTIONAL MATCH (a)-[r:ALLY_OF|LEADS|AT_WAR_WITH|MEMBER_OF|PART_OF|PARTNER_OF]-(other:Actor)
  WITH r, other, startNode(r) = a AS outgoing ORDER BY r.valid_from, type(r), other.id
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    id: r.id, type: type(r), direction: CASE WHEN outgoing THEN 'out' ELSE 'in' END,
    counterpart: other {.id, .name, .kind, .country},
    valid_from: r.valid_from, valid_to: r.valid_to, time_precision: r.time_precision,
    time_start: r.time_start, time_end: r.time_end, ongoing: r.ongoing, time_note: r.time_note,
    derived_from: r.derived_from
  } END) AS standing
}
CALL (a) {
  OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e:Event)
  RETURN count(DISTINCT e) AS event_count
}
RETURN a {.*} AS actor, standing, event_count
ORDER BY position
