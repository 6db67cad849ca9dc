// The events two actors both took part in, in time order, and their standing relationships
// (each with its validity interval, so the timeline shows when an alliance began).
// known_as_of (recorded time) keeps the events some source had reported by that day, and the
// standing relationships known by then: one of their own sources published by that day, or the
// event they derive from reported by then; one with neither (a fact of the public record loaded
// without a source) always shows.
// The events come from an index seek on the participations of the actor with fewer of them
// (participation_actor: actor id, the event's precision and valid_from copied onto each), those
// that start in the window and the spans that reach into it, then the other actor's part in each
// is checked: the work is bounded by the window, not by either actor's history.
// :param a => 'kim_jong_un'
// :param b => 'vladimir_putin'
// :param since => null
// :param until => null
// :param relation_since => null
// :param relation_until => null
// :param known_as_of => null
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
WITH a, b, CASE WHEN COUNT { (a)-[:PARTICIPATED_IN]->() } <= COUNT { (b)-[:PARTICIPATED_IN]->() }
                THEN [a, b] ELSE [b, a] END AS ends
CALL (ends) {
  WITH ends[0] AS near, ends[1] AS far
  CALL (near) {
    MATCH ()-[p:PARTICIPATED_IN]->(e:Event)
    WHERE p.actor = near.id AND p.time_precision IN ['day', 'month', 'year', 'interval']
      AND coalesce($since, date('0001-01-01')) <= p.valid_from <= coalesce($until, date('9999-12-31'))
    RETURN e
    UNION ALL
    MATCH ()-[p:PARTICIPATED_IN]->(e:Event)
    WHERE p.actor = near.id AND p.time_precision IN ['month', 'year', 'interval']
      AND p.valid_from < $since AND (e.valid_to IS NULL OR e.valid_to >= $since)
    RETURN e
  }
  // Two participations of one actor when a and b are the same, as the pattern of two would need.
  WITH DISTINCT near, far, e WHERE ($known_as_of IS NULL OR e.first_reported <= $known_as_of)
    AND COUNT { (e)<-[:PARTICIPATED_IN]-(far) } > CASE WHEN near = far THEN 1 ELSE 0 END
  WITH e ORDER BY e.valid_from, e.id
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
