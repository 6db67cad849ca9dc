// Events matching every given filter (a null filter matches all), in time order, one page at a
// time: the page after (after_date, after_id). known_as_of keeps the events some source had
// reported by that day (what was known then).
// :param actor => 'prk'
// :param type => null
// :param since => date('2025-01-01')
// :param until => null
// :param place => null
// :param source => null
// :param status => null
// :param known_as_of => null
// :param after_date => null
// :param after_id => null
// :param limit => 20
MATCH (e:Event)
WHERE ($actor IS NULL OR EXISTS { (:Actor {id: $actor})-[:PARTICIPATED_IN]->(e) })
  AND ($type IS NULL OR e.type = $type)
  AND ($status IS NULL OR e.status = $status)
  AND ($known_as_of IS NULL OR e.first_reported <= $known_as_of)
  AND ($until IS NULL OR e.valid_from <= $until)
  AND ($since IS NULL OR e.valid_to IS NULL OR e.valid_to >= $since)
  AND ($place IS NULL OR EXISTS { (e)-[:TOOK_PLACE_IN]->(:Place {id: $place}) })
  AND ($source IS NULL OR EXISTS { (e)-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(:Source {id: $source}) })
  AND ($after_date IS NULL OR e.valid_from > $after_date
       OR (e.valid_from = $after_date AND e.id > $after_id))
RETURN e.id AS id, e.valid_from AS valid_from
ORDER BY e.valid_from, e.id
LIMIT $limit
