// The actor network of a window: interactions aggregated per actor pair, and (unless
// include_standing is false) the standing relationships valid in the window.
// An interaction matches the window [since, until] when its span overlaps it: those that start
// in it come from a range seek on the interaction_valid_from index, those that started before it
// and reach into it are spans (month, year, interval), from the interaction_time_precision index;
// the repository passes the earliest and latest dates for an open side.
// Each edge has an id of its own (GraphML wants them unique): a standing relationship its id, an
// actor pair's interactions 'INTERACTED_WITH:' + a.id + ':TO:' + b.id (actor ids are lower case,
// so ':TO:' cannot occur inside one, and no relationship id starts in upper case).
// known_as_of (recorded time) keeps the events some source had reported by that day, and the
// standing relationships known by then: one of their own sources published by that day, or the
// event they derive from reported by then; one with neither (a fact of the public record loaded
// without a source) always shows.
// count 'happenings' (the default) keeps one record per happening: the first by time then id
// of those known by known_as_of (REPORTS, graph/happenings); 'records' keeps every record.
// :param since => date('2025-06-01')
// :param until => date('2025-06-30')
// :param relation_since => date('2024-01-01')
// :param relation_until => date('2025-12-31')
// :param include_standing => true
// :param known_as_of => null
// :param count => 'happenings'
// :param limit => 1000
CALL () {
  CALL () {
    MATCH ()-[i:INTERACTED_WITH]->()
    WHERE $since <= i.valid_from <= $until
    RETURN i
    UNION ALL
    MATCH ()-[i:INTERACTED_WITH]->() USING INDEX i:INTERACTED_WITH(time_precision)
    WHERE i.time_precision IN ['month', 'year', 'interval']
      AND i.valid_from < $since AND (i.valid_to IS NULL OR i.valid_to >= $since)
    RETURN i
  }
  WITH i WHERE ($known_as_of IS NULL
            OR EXISTS { MATCH (e:Event {id: i.event_id}) WHERE e.first_reported <= $known_as_of })
    AND ($count = 'records' OR NOT EXISTS {
      MATCH (:Event {id: i.event_id})-[:REPORTS]->(:Happening)<-[:REPORTS]-(m:Event)
      WHERE (m.valid_from < i.valid_from OR m.valid_from = i.valid_from AND m.id < i.event_id)
        AND ($known_as_of IS NULL OR m.first_reported <= $known_as_of) })
  WITH startNode(i) AS a, endNode(i) AS b, i
  WITH a, b, count(DISTINCT i.event_id) AS events, sum(i.goldstein) AS goldstein_total,
       collect(DISTINCT i.type) AS event_types, min(i.valid_from) AS first,
       max(coalesce(i.valid_to, i.valid_from)) AS last
  RETURN 'INTERACTED_WITH:' + a.id + ':TO:' + b.id AS id, a, b, 'INTERACTED_WITH' AS type,
         events, goldstein_total, event_types, first, last
  UNION ALL
  MATCH (a:Actor)-[r:ALLY_OF|LEADS|AT_WAR_WITH|MEMBER_OF|PART_OF|PARTNER_OF]->(b:Actor)
  WHERE $include_standing
    AND ($relation_until IS NULL OR r.valid_from <= $relation_until)
    AND ($relation_since IS NULL OR r.valid_to IS NULL OR r.valid_to >= $relation_since)
    AND ($known_as_of IS NULL
         OR EXISTS { MATCH (:Claim {relationship_id: r.id})-[:PUBLISHED_IN]->(s:Source)
                     WHERE s.published <= $known_as_of }
         OR EXISTS { MATCH (e:Event {id: r.derived_from}) WHERE e.first_reported <= $known_as_of }
         OR (r.derived_from IS NULL AND NOT EXISTS { MATCH (:Claim {relationship_id: r.id}) }))
  RETURN r.id AS id, a, b, type(r) AS type, 0 AS events, null AS goldstein_total, [] AS event_types,
         r.valid_from AS first, r.valid_to AS last
}
RETURN id, a {.id, .name, .kind, .country} AS source, b {.id, .name, .kind, .country} AS target,
       type, events, goldstein_total, event_types, first, last
ORDER BY type, source.id, target.id, first
LIMIT $limit
