// One day of an event data set around some actors (a GDELT 2.0 file, say): the day's happenings
// they took part in, the most reported first (at most $limit), each drawn as one of its records
// (the day's earliest, then by id) with everyone who took part in it and its claims, captioned by
// publisher (story_8_happening draws one happening whole). A busy day codes one happening many
// times over, hence one record each and the limit. One row per record: the Browser counts a
// relationship once per row.
// :param actors => ['rus', 'prk']
// :param day => date('2025-08-13')
// :param limit => 30
MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)
WHERE a.id IN $actors AND e.valid_from = $day
WITH DISTINCT e
OPTIONAL MATCH (e)-[:REPORTS]->(h:Happening)
WITH coalesce(h.id, e.id) AS happening, coalesce(h.records, 1) AS records, e
ORDER BY e.valid_from, e.id
WITH happening, records, collect(e)[0] AS e
ORDER BY records DESC, COUNT { (e)-[:SUPPORTED_BY]->(:Claim) } DESC, e.id LIMIT $limit
CALL (e) {
  MATCH took_part = (:Actor)-[:PARTICIPATED_IN]->(e)
  RETURN collect(took_part) AS took_part
}
CALL (e) {
  OPTIONAL MATCH reported = (e)-[:SUPPORTED_BY]->(:Claim)
  RETURN collect(reported) AS reported
}
RETURN took_part, reported
