// Every counterpart an actor dealt with in a window (derived INTERACTED_WITH edges), aggregated,
// and the standing relationships between them valid in the window.
// The edges come from index seeks on the actor's id stored on them (interaction_from and
// interaction_to: id, precision, valid_from), so the work is bounded by the window, not by the
// actor's history: those that start in the window, then the spans (month, year, interval) that
// started before it and reach into it, as network.cypher does.
// known_as_of (recorded time) keeps the events some source had reported by that day, and the
// standing relationships known by then: one of their own sources published by that day, or the
// event they derive from reported by then; one with neither (a fact of the public record loaded
// without a source) always shows.
// count 'happenings' (the default) keeps one record per happening: the first by time then id
// of those known by known_as_of (REPORTS, graph/happenings); 'records' keeps every record.
// :param id => 'prk'
// :param since => date('2025-01-01')
// :param until => date('2025-12-31')
// :param relation_since => date('2025-01-01')
// :param relation_until => date('2025-12-31')
// :param event_type => null
// :param known_as_of => null
// :param count => 'happenings'
MATCH (actor:Actor {id: $id})
CALL (actor) {
  CALL () {
    MATCH ()-[i:INTERACTED_WITH]->(other:Actor)
    WHERE i.from_id = $id AND i.time_precision IN ['day', 'month', 'year', 'interval']
      AND coalesce($since, date('0001-01-01')) <= i.valid_from <= coalesce($until, date('9999-12-31'))
    RETURN i, other
    UNION ALL
    MATCH (other:Actor)-[i:INTERACTED_WITH]->()
    WHERE i.to_id = $id AND i.time_precision IN ['day', 'month', 'year', 'interval']
      AND coalesce($since, date('0001-01-01')) <= i.valid_from <= coalesce($until, date('9999-12-31'))
    RETURN i, other
    UNION ALL
    MATCH ()-[i:INTERACTED_WITH]->(other:Actor)
    WHERE i.from_id = $id AND i.time_precision IN ['month', 'year', 'interval']
      AND i.valid_from < $since AND (i.valid_to IS NULL OR i.valid_to >= $since)
    RETURN i, other
    UNION ALL
    MATCH (other:Actor)-[i:INTERACTED_WITH]->()
    WHERE i.to_id = $id AND i.time_precision IN ['month', 'year', 'interval']
      AND i.valid_from < $since AND (i.valid_to IS NULL OR i.valid_to >= $since)
    RETURN i, other
  }
  WITH actor, i, other WHERE ($event_type IS NULL OR i.type = $event_type)
    AND ($known_as_of IS NULL
         OR EXISTS { MATCH (e:Event {id: i.event_id}) WHERE e.first_reported <= $known_as_of })
    AND ($count = 'records' OR NOT EXISTS {
      MATCH (:Event {id: i.event_id})-[:REPORTS]->(:Happening)<-[:REPORTS]-(m:Event)
      WHERE (m.valid_from < i.valid_from OR m.valid_from = i.valid_from AND m.id < i.event_id)
        AND ($known_as_of IS NULL OR m.first_reported <= $known_as_of)
        AND ($event_type IS NULL OR m.type = $event_type) })
  WITH other, i.event_id AS event_id,
       head(collect(i)) AS i,
       sum(CASE WHEN startNode(i) = actor AND NOT i.mutual THEN 1 ELSE 0 END) > 0 AS outgoing
  WITH other,
       count(event_id) AS events,
       sum(CASE WHEN i.status = 'occurred' THEN 1 ELSE 0 END) AS occurred,
       sum(CASE WHEN i.status = 'planned' THEN 1 ELSE 0 END) AS planned,
       sum(CASE WHEN outgoing THEN 1 ELSE 0 END) AS initiated,
       min(i.valid_from) AS first, max(coalesce(i.valid_to, i.valid_from)) AS last,
       collect(DISTINCT i.type) AS event_types,
       sum(i.goldstein) AS goldstein_total,
       collect(i.quad_class) AS quad_classes,
       collect(event_id) AS event_ids
  RETURN collect({
    counterpart: other {.id, .name, .kind, .country}, events: events, occurred: occurred,
    planned: planned, initiated: initiated, first: first, last: last, event_types: event_types,
    goldstein_total: goldstein_total, quad_classes: quad_classes, event_ids: event_ids
  }) AS counterparts
}
CALL (actor) {
  MATCH (actor)-[r:ALLY_OF|LEADS|AT_WAR_WITH|MEMBER_OF|PART_OF|PARTNER_OF]-(other:Actor)
  WHERE ($relation_until IS NULL OR r.valid_from <= $relation_until)
    AND ($relation_since IS NULL OR r.valid_to IS NULL OR r.valid_to >= $relation_since)
    AND ($known_as_of IS NULL
         OR EXISTS { MATCH (:Claim {relationship_id: r.id})-[:PUBLISHED_IN]->(s:Source)
                     WHERE s.published <= $known_as_of }
         OR EXISTS { MATCH (e:Event {id: r.derived_from}) WHERE e.first_reported <= $known_as_of }
         OR (r.derived_from IS NULL AND NOT EXISTS { MATCH (:Claim {relationship_id: r.id}) }))
  WITH r, other ORDER BY r.valid_from, type(r), other.id
  RETURN collect({
    id: r.id, type: type(r), direction: CASE WHEN startNode(r) = actor THEN 'out' ELSE 'in' END,
    counterpart: other {.id, .name, .kind, .country},
    valid_from: r.valid_from, valid_to: r.valid_to, time_precision: r.time_precision,
    time_start: r.time_start, time_end: r.time_end, ongoing: r.ongoing, time_note: r.time_note,
    derived_from: r.derived_from
  }) AS standing
}
RETURN actor {.id, .name, .kind, .country} AS actor, counterparts, standing
