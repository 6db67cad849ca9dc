// Events by id, each with its type, place, participants, claims (quote, source, attribution) and
// the happening it reports (with how many records, sources and data sets report it):
// the properties the API's event view shows, not the stored hash or update time.
// :param ids => ['ev:2025-08-12-kim-putin-call']
UNWIND range(0, size($ids) - 1) AS position
MATCH (e:Event {id: $ids[position]})
OPTIONAL MATCH (e)-[:TOOK_PLACE_IN]->(place:Place)
OPTIONAL MATCH (e)-[:REPORTS]->(happening:Happening)
CALL (e) {
  MATCH (a:Actor)-[r:PARTICIPATED_IN]->(e)
  WITH a, r ORDER BY r.role, a.id
  RETURN collect({actor: a {.id, .name, .kind, .country}, role: r.role, through: r.through,
                  represents: r.represents}) AS participants
}
CALL (e) {
  OPTIONAL MATCH (e)-[:SUPPORTED_BY]->(c:Claim)-[:PUBLISHED_IN]->(s:Source)
  CALL (c) {
    OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(speaker:Actor)
    WITH speaker ORDER BY speaker.id
    RETURN collect(speaker {.id, .name, .kind}) AS attributed_to
  }
  CALL (c) {
    OPTIONAL MATCH (c)-[:RELAYED_BY]->(relay:Actor)
    WITH relay ORDER BY relay.id
    RETURN collect(relay {.id, .name, .kind}) AS via
  }
  WITH c, s, attributed_to, via ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {
    quote: c.quote, language: c.language, translation: c.translation,
    dataset: c.dataset, record_id: c.record_id, confidence: c.confidence,
    attributed_to: attributed_to, via: via,
    source: s {.id, .publisher, .url, .published, .language, .title}
  } END) AS claims
}
RETURN e {.id, .type, .family, .cameo, .plover_type, .plover_mode, .quad_class, .goldstein, .status,
          .title, .summary, .notes, .time_start, .time_end, .time_precision, .ongoing, .time_note,
          .valid_from, .valid_to, .first_reported, .recorded_at, .quantity_what, .quantity_value,
          .quantity_approximate, .quantity_estimated_by, .quantity_estimated_by_count,
          .external_id_keys, .external_id_values, .metric_keys, .metric_values, .dataset_recorded} AS event,
       place {.id, .name, .kind, .country, .latitude, .longitude} AS place, participants, claims,
       CASE WHEN happening IS NULL THEN null ELSE happening {.id, .records, .sources, .datasets,
         members: COLLECT { MATCH (m:Event)-[:REPORTS]->(happening) RETURN m.id ORDER BY m.id }}
       END AS happening
ORDER BY position
