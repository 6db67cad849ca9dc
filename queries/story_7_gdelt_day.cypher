// One day of an event data set around some actors (a GDELT 2.0 file, say): the events of that day
// they took part in, the most reported first (at most $limit), each with everyone who took part and
// the claims that report it, captioned by publisher. One event node per GDELT record: a busy day
// draws many, hence the limit. One row per event: the Browser counts a relationship once per row.
// :param actors => ['rus', 'prk']
// :param day => date('2025-08-13')
// :param limit => 30
MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)
WHERE a.id IN $actors AND e.valid_from = $day
WITH DISTINCT e
ORDER BY COUNT { (e)-[:SUPPORTED_BY]->(:Claim) } DESC, e.id LIMIT $limit
CALL (e) {
  MATCH took_part = (:Actor)-[:PARTICIPATED_IN]->(e)
  RETURN collect(took_part) AS took_part
}
CALL (e) {
  OPTIONAL MATCH reported = (e)-[:SUPPORTED_BY]->(:Claim)
  RETURN collect(reported) AS reported
}
RETURN took_part, reported
