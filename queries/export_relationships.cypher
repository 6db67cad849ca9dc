// Standing relationships for the RDF export, one page in id order after $after, with their claims.
// $actors null: every relationship; a list: those between two of these actors. A relationship
// matches the window when its validity overlaps it (as in actor_counterparts).
// :param after => ''
// :param batch => 1000
// :param actors => null
// :param relation_since => null
// :param relation_until => null
MATCH (a:Actor)-[r:ALLY_OF|LEADS|AT_WAR_WITH|MEMBER_OF|PART_OF|PARTNER_OF]->(b:Actor)
WHERE r.id > $after
  AND ($actors IS NULL OR (a.id IN $actors AND b.id IN $actors))
  AND ($relation_until IS NULL OR r.valid_from <= $relation_until)
  AND ($relation_since IS NULL OR r.valid_to IS NULL OR r.valid_to >= $relation_since)
WITH a, r, b ORDER BY r.id LIMIT $batch
CALL (r) {
  OPTIONAL MATCH (c:Claim {relationship_id: r.id})-[:PUBLISHED_IN]->(s:Source)
  WITH c, s ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {
    source: s.id, quote: c.quote, language: c.language, translation: c.translation,
    dataset: c.dataset, record_id: c.record_id, confidence: c.confidence,
    attributed_to: COLLECT { MATCH (c)-[:ATTRIBUTED_TO]->(x:Actor) RETURN x.id ORDER BY x.id },
    via: COLLECT { MATCH (c)-[:RELAYED_BY]->(x:Actor) RETURN x.id ORDER BY x.id }
  } END) AS claims
}
RETURN r {.id, .derived_from, .notes, .time_start, .time_end, .ongoing, .time_note} AS relationship,
       type(r) AS type, a.id AS subject, b.id AS object, claims
ORDER BY r.id
