// Figures of both periods per dyad (an unordered actor pair, every direction together): events
// that start in the period, their Goldstein total and mean. Then the dyads that appeared (none in
// A), vanished (none in B), warmed or cooled (mean Goldstein up or down, both periods holding at
// least min_events), grew or shrank (more or fewer events, present in both), `limit` of each,
// the largest change first. known_as_of keeps the events some source had reported by that day.
// Around one actor: its own INTERACTED_WITH edges of each period, from index seeks on its id
// stored on them (interaction_from, interaction_to), so the work is bounded by the periods, not by
// the actor's history; an edge found in both periods (when they overlap) counts once.
// count 'happenings' (the default) keeps one record per happening: the first by time then id
// of those known by known_as_of (REPORTS, graph/happenings); 'records' keeps every record.
// :param actor => 'prk'
// :param a_since => date('2024-01-01')
// :param a_until => date('2024-12-31')
// :param b_since => date('2025-01-01')
// :param b_until => date('2025-12-31')
// :param known_as_of => null
// :param count => 'happenings'
// :param min_events => 1
// :param limit => 10
CALL () {
  MATCH ()-[i:INTERACTED_WITH]->()
  WHERE i.from_id = $actor AND i.time_precision IN ['day', 'month', 'year', 'interval']
    AND $a_since <= i.valid_from <= $a_until
  RETURN i
  UNION ALL
  MATCH ()-[i:INTERACTED_WITH]->()
  WHERE i.from_id = $actor AND i.time_precision IN ['day', 'month', 'year', 'interval']
    AND $b_since <= i.valid_from <= $b_until
  RETURN i
  UNION ALL
  MATCH ()-[i:INTERACTED_WITH]->()
  WHERE i.to_id = $actor AND i.time_precision IN ['day', 'month', 'year', 'interval']
    AND $a_since <= i.valid_from <= $a_until
  RETURN i
  UNION ALL
  MATCH ()-[i:INTERACTED_WITH]->()
  WHERE i.to_id = $actor AND i.time_precision IN ['day', 'month', 'year', 'interval']
    AND $b_since <= i.valid_from <= $b_until
  RETURN i
}
WITH i WHERE ($known_as_of IS NULL
       OR EXISTS { MATCH (e:Event {id: i.event_id}) WHERE e.first_reported <= $known_as_of })
  AND ($count = 'records' OR NOT EXISTS {
      MATCH (:Event {id: i.event_id})-[:REPORTS]->(:Happening)<-[:REPORTS]-(m:Event)
      WHERE (m.valid_from < i.valid_from OR m.valid_from = i.valid_from AND m.id < i.event_id)
        AND ($known_as_of IS NULL OR m.first_reported <= $known_as_of) })
WITH DISTINCT
  CASE WHEN startNode(i).id < endNode(i).id THEN startNode(i) ELSE endNode(i) END AS p,
  CASE WHEN startNode(i).id < endNode(i).id THEN endNode(i) ELSE startNode(i) END AS q,
  i.event_id AS event_id, i.valid_from AS valid_from, i.goldstein AS goldstein
WITH p, q, goldstein,
     $a_since <= valid_from <= $a_until AS in_a, $b_since <= valid_from <= $b_until AS in_b
WITH p, q,
     sum(CASE WHEN in_a THEN 1 ELSE 0 END) AS a_events,
     sum(CASE WHEN in_a THEN goldstein ELSE 0.0 END) AS a_goldstein_total,
     sum(CASE WHEN in_b THEN 1 ELSE 0 END) AS b_events,
     sum(CASE WHEN in_b THEN goldstein ELSE 0.0 END) AS b_goldstein_total
WITH collect({
  a: p {.id, .name, .kind, .country}, b: q {.id, .name, .kind, .country},
  a_events: a_events, a_goldstein_total: a_goldstein_total,
  b_events: b_events, b_goldstein_total: b_goldstein_total,
  volume_change: b_events - a_events,
  goldstein_change: CASE WHEN a_events >= $min_events AND b_events >= $min_events
                         THEN b_goldstein_total / b_events - a_goldstein_total / a_events END
}) AS dyads
CALL (dyads) {
  UNWIND dyads AS d
  WITH d WHERE d.a_events = 0
  ORDER BY d.b_events DESC, d.a.id, d.b.id LIMIT $limit
  RETURN collect(d) AS appeared
}
CALL (dyads) {
  UNWIND dyads AS d
  WITH d WHERE d.b_events = 0
  ORDER BY d.a_events DESC, d.a.id, d.b.id LIMIT $limit
  RETURN collect(d) AS vanished
}
CALL (dyads) {
  UNWIND dyads AS d
  WITH d WHERE d.goldstein_change > 0
  ORDER BY d.goldstein_change DESC, d.b_events DESC, d.a.id, d.b.id LIMIT $limit
  RETURN collect(d) AS warmed
}
CALL (dyads) {
  UNWIND dyads AS d
  WITH d WHERE d.goldstein_change < 0
  ORDER BY d.goldstein_change, d.b_events DESC, d.a.id, d.b.id LIMIT $limit
  RETURN collect(d) AS cooled
}
CALL (dyads) {
  UNWIND dyads AS d
  WITH d WHERE d.a_events > 0 AND d.volume_change > 0
  ORDER BY d.volume_change DESC, d.a.id, d.b.id LIMIT $limit
  RETURN collect(d) AS grew
}
CALL (dyads) {
  UNWIND dyads AS d
  WITH d WHERE d.b_events > 0 AND d.volume_change < 0
  ORDER BY d.volume_change, d.a.id, d.b.id LIMIT $limit
  RETURN collect(d) AS shrank
}
RETURN head(COLLECT { MATCH (actor:Actor {id: $actor}) RETURN actor {.id, .name, .kind, .country} }) AS actor,
       size(dyads) AS dyads_compared, appeared, vanished, warmed, cooled, grew, shrank
