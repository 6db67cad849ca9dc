// The events two actors both took part in, in time order, and their standing relationships
// (each with its validity interval, so the timeline shows when an alliance began).
// known_as_of (recorded time) keeps the events some source had reported by that day, and the
// standing relationships known by then: one of their own sources published by that day, or the
// event they derive from reported by then; one with neither (a fact of the public record loaded
// without a source) always shows.
// :param a => 'kim_jong_un'
// :param b => 'vladimir_putin'
// :param since => null
// :param until => null
// :param relation_since => null
// :param relation_until => null
// :param known_as_of => null
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
CALL (a, b) {
  MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b)
  WHERE ($until IS NULL OR e.valid_from <= $until)
    AND ($since IS NULL OR e.valid_to IS NULL OR e.valid_to >= $since)
    AND ($known_as_of IS NULL OR e.first_reported <= $known_as_of)
  WITH DISTINCT e ORDER BY e.valid_from, e.id
  RETURN collect(e.id) AS event_ids
}
CALL (a, b) {
  MATCH (a)-[r:ALLY_OF|LEADS|AT_WAR_WITH|MEMBER_OF|PART_OF|PARTNER_OF]-(b)
  WHERE ($relation_until IS NULL OR r.valid_from <= $relation_until)
    AND ($relation_since IS NULL OR r.valid_to IS NULL OR r.valid_to >= $relation_since)
    AND ($known_as_of IS NULL
         OR EXISTS { MATCH (:Claim {relationship_id: r.id})-[:PUBLISHED_IN]->(s:Source)
                     WHERE s.published <= $known_as_of }
         OR EXISTS { MATCH (e:Event {id: r.derived_from}) WHERE e.first_reported <= $known_as_of }
         OR (r.derived_from IS NULL AND NOT EXISTS { MATCH (:Claim {relationship_id: r.id}) }))
  WITH r ORDER BY r.valid_from, type(r), r.id
  RETURN collect({
    id: r.id, type: type(r), direction: CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END,
    counterpart: b {.id, .name, .kind, .country},
    valid_from: r.valid_from, valid_to: r.valid_to, time_precision: r.time_precision,
    time_start: r.time_start, time_end: r.time_end, ongoing: r.ongoing, time_note: r.time_note,
    derived_from: r.derived_from
  }) AS standing
}
RETURN a {.id, .name, .kind, .country} AS a, b {.id, .name, .kind, .country} AS b, event_ids, standing
