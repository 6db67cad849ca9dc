// One actor's events matching every given filter (a null filter matches all), in time order, one
// page at a time: the page after (after_date, after_id). Starts from the actor and expands its
// participations, so the work is bounded by the actor's events, never all events. An event
// matches the window [since, until] when its span overlaps it (valid_to is null while ongoing);
// the repository passes the earliest and latest dates for an open side. known_as_of keeps the
// events some source had reported by that day (what was known then).
// leads_only keeps one record per happening (count=happenings): the first by time then id of
// those known by known_as_of and of the type and status asked;
// min_datasets / min_sources keep the records of happenings that many data sets or sources report.
// :param actor => 'prk'
// :param since => date('2025-01-01')
// :param until => date('9999-12-31')
// :param type => null
// :param place => null
// :param source => null
// :param status => null
// :param known_as_of => null
// :param after_date => null
// :param after_id => null
// :param leads_only => true
// :param min_datasets => null
// :param min_sources => null
// :param limit => 20
MATCH (:Actor {id: $actor})-[:PARTICIPATED_IN]->(e:Event)
WHERE e.valid_from <= $until
  AND (e.valid_to IS NULL OR e.valid_to >= $since)
  AND ($type IS NULL OR e.type = $type)
  AND ($status IS NULL OR e.status = $status)
  AND ($known_as_of IS NULL OR e.first_reported <= $known_as_of)
  AND (NOT $leads_only OR NOT EXISTS {
      MATCH (e)-[:REPORTS]->(:Happening)<-[:REPORTS]-(m:Event)
      WHERE (m.valid_from < e.valid_from OR m.valid_from = e.valid_from AND m.id < e.id)
        AND ($known_as_of IS NULL OR m.first_reported <= $known_as_of)
        AND ($type IS NULL OR m.type = $type) AND ($status IS NULL OR m.status = $status) })
  AND ($min_datasets IS NULL AND $min_sources IS NULL OR EXISTS {
    MATCH (e)-[:REPORTS]->(h:Happening) WHERE h.datasets >= coalesce($min_datasets, 0)
      AND h.sources >= coalesce($min_sources, 0) })
  AND ($place IS NULL OR EXISTS { (e)-[:TOOK_PLACE_IN]->(:Place {id: $place}) })
  AND ($source IS NULL OR EXISTS { (e)-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(:Source {id: $source}) })
  AND ($after_date IS NULL OR e.valid_from > $after_date
       OR (e.valid_from = $after_date AND e.id > $after_id))
WITH DISTINCT e
RETURN e.id AS id, e.valid_from AS valid_from
ORDER BY valid_from, id
LIMIT $limit
