// Events for the RDF export, one page in id order after $after (keyset pagination), with what
// rebuilds each record: its place, participations (with `through`) and claims (`mention`: a claim
// another source added to the event, a GDELT mention, which its record does not hold). Filters as in
// list_events_by_window: a null filter matches all; an event matches a window its span overlaps.
// :param after => ''
// :param batch => 1000
// :param actor => null
// :param since => null
// :param until => null
MATCH (e:Event)
WHERE e.id > $after
  AND ($actor IS NULL OR EXISTS { (:Actor {id: $actor})-[:PARTICIPATED_IN]->(e) })
  AND ($until IS NULL OR e.valid_from <= $until)
  AND ($since IS NULL OR e.valid_to IS NULL OR e.valid_to >= $since)
WITH e ORDER BY e.id LIMIT $batch
OPTIONAL MATCH (e)-[:TOOK_PLACE_IN]->(place:Place)
CALL (e) {
  MATCH (a:Actor)-[r:PARTICIPATED_IN]->(e)
  WITH a, r ORDER BY a.id, r.role
  RETURN collect({actor: a.id, role: r.role, through: r.through, represents: r.represents}) AS participations
}
CALL (e) {
  OPTIONAL MATCH (e)-[:SUPPORTED_BY]->(c:Claim)-[:PUBLISHED_IN]->(s:Source)
  WITH c, s ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {
    source: s.id, quote: c.quote, language: c.language, translation: c.translation,
    dataset: c.dataset, record_id: c.record_id, confidence: c.confidence, mention: c.mention,
    attributed_to: COLLECT { MATCH (c)-[:ATTRIBUTED_TO]->(x:Actor) RETURN x.id ORDER BY x.id },
    via: COLLECT { MATCH (c)-[:RELAYED_BY]->(x:Actor) RETURN x.id ORDER BY x.id }
  } END) AS claims
}
RETURN e {.id, .type, .status, .title, .summary, .notes, .goldstein, .time_start, .time_end,
          .ongoing, .time_note, .quantity_what, .quantity_value, .quantity_approximate,
          .quantity_estimated_by, .quantity_estimated_by_count, .external_id_keys, .external_id_values,
          .metric_keys, .metric_values, .dataset_recorded} AS event,
       place.id AS place, participations, claims
ORDER BY e.id
