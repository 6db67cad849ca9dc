// One pair's events per calendar bucket (week, month, quarter or year). With count 'happenings'
// (graph/happenings) each happening that starts in the window counts once, in the bucket of its
// start, its first record (by time then id) giving its direction and figures; with 'records'
// each record counts once. Whatever count says, record_counts and happening_counts give every
// bucket's records (by their own start) and happenings (by theirs). An event counts once,
// in the bucket of its start (valid_from: the 1st of a month-precision date, 1 January of a
// year-precision one, the first day of an interval, ongoing or not), with its precision counted
// beside it. Figures are split by direction: a_to_b, b_to_a, mutual (a mutual edge, or edges
// both ways). Only buckets holding events come back; the caller fills the rest with zeros.
// known_as_of keeps the events some source had reported by that day and counts only the sources
// published by then. The pair's edges come from an index seek (interaction_from / interaction_to:
// actor id, precision, valid_from) on the side with fewer edges, filtered on the other end, so
// the work is bounded by the window, not by either actor's history.
// :param a => 'prk'
// :param b => 'rus'
// :param since => date('2024-01-01')
// :param until => date('2025-08-31')
// :param interval => 'month'
// :param known_as_of => null
// :param max_event_ids => 50
// :param count => 'happenings'
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
WITH a, b, CASE WHEN COUNT { (a)-[:INTERACTED_WITH]-() } <= COUNT { (b)-[:INTERACTED_WITH]-() }
                THEN [a.id, b.id] ELSE [b.id, a.id] END AS ends
CALL (a, b, ends) {
  CALL (ends) {
    MATCH ()-[i:INTERACTED_WITH]->() USING INDEX i:INTERACTED_WITH(from_id, time_precision, valid_from)
    WHERE i.from_id = ends[0] AND i.time_precision IN ['day', 'month', 'year', 'interval']
      AND coalesce($since, date('0001-01-01')) <= i.valid_from <= coalesce($until, date('9999-12-31'))
      AND i.to_id = ends[1]
    RETURN i
    UNION ALL
    MATCH ()-[i:INTERACTED_WITH]->() USING INDEX i:INTERACTED_WITH(to_id, time_precision, valid_from)
    WHERE i.to_id = ends[0] AND i.time_precision IN ['day', 'month', 'year', 'interval']
      AND coalesce($since, date('0001-01-01')) <= i.valid_from <= coalesce($until, date('9999-12-31'))
      AND i.from_id = ends[1]
    RETURN i
  }
  WITH a, i WHERE ($known_as_of IS NULL
         OR EXISTS { MATCH (e:Event {id: i.event_id}) WHERE e.first_reported <= $known_as_of })
  WITH a, i.event_id AS event_id, collect(i) AS edges
  WITH event_id, head(edges) AS i, CASE
    WHEN any(x IN edges WHERE x.mutual) THEN 'mutual'
    WHEN all(x IN edges WHERE startNode(x) = a) THEN 'a_to_b'
    WHEN all(x IN edges WHERE endNode(x) = a) THEN 'b_to_a'
    ELSE 'mutual' END AS direction
  OPTIONAL MATCH (:Event {id: event_id})-[:REPORTS]->(h:Happening)
  RETURN collect({id: event_id, direction: direction, i: i, happening: coalesce(h.id, event_id),
                  start: coalesce(h.start, i.valid_from)}) AS reports
}
CALL (reports) {
  UNWIND reports AS report
  WITH date.truncate($interval, report.i.valid_from) AS bucket, count(*) AS n
  RETURN collect({bucket: bucket, n: n}) AS record_counts
}
CALL (reports) {
  UNWIND reports AS report
  WITH report WHERE $since IS NULL OR report.start >= $since
  WITH date.truncate($interval, report.start) AS bucket, count(DISTINCT report.happening) AS n
  RETURN collect({bucket: bucket, n: n}) AS happening_counts
}
CALL (reports) {
  UNWIND reports AS report
  WITH report ORDER BY report.i.valid_from, report.id
  // count = 'happenings': one entry per happening that starts in the window, in the bucket of
  // its start, its first record (by time then id) speaking for it; 'records': one per record.
  WITH CASE $count WHEN 'records' THEN report.id ELSE report.happening END AS entry,
       collect(report) AS members
  WITH head(members) AS first, [m IN members | m.id] AS members
  WHERE $count = 'records' OR $since IS NULL OR first.start >= $since
  WITH first.id AS event_id, first.direction AS direction, first.i AS i, members,
       date.truncate($interval, CASE $count WHEN 'records' THEN first.i.valid_from
                                ELSE first.start END) AS bucket
  ORDER BY i.valid_from, event_id
  WITH bucket, collect({id: event_id, direction: direction, status: i.status,
                        quad_class: i.quad_class, goldstein: i.goldstein,
                        precision: i.time_precision, members: members}) AS events
  CALL (events) {
    UNWIND events AS event
    WITH event.direction AS direction, count(*) AS total,
         sum(CASE event.status WHEN 'occurred' THEN 1 ELSE 0 END) AS occurred,
         sum(CASE event.status WHEN 'planned' THEN 1 ELSE 0 END) AS planned,
         sum(CASE event.quad_class WHEN 1 THEN 1 ELSE 0 END) AS verbal_cooperation,
         sum(CASE event.quad_class WHEN 2 THEN 1 ELSE 0 END) AS material_cooperation,
         sum(CASE event.quad_class WHEN 3 THEN 1 ELSE 0 END) AS verbal_conflict,
         sum(CASE event.quad_class WHEN 4 THEN 1 ELSE 0 END) AS material_conflict,
         sum(event.goldstein) AS goldstein_total,
         sum(CASE event.precision WHEN 'day' THEN 1 ELSE 0 END) AS day,
         sum(CASE event.precision WHEN 'month' THEN 1 ELSE 0 END) AS month,
         sum(CASE event.precision WHEN 'year' THEN 1 ELSE 0 END) AS year,
         sum(CASE event.precision WHEN 'interval' THEN 1 ELSE 0 END) AS interval
    RETURN collect({direction: direction, events: total, occurred: occurred, planned: planned,
                    verbal_cooperation: verbal_cooperation, material_cooperation: material_cooperation,
                    verbal_conflict: verbal_conflict, material_conflict: material_conflict,
                    goldstein_total: goldstein_total,
                    day: day, month: month, year: year, interval: interval}) AS directions
  }
  CALL (events) {
    UNWIND events AS event
    UNWIND event.members AS member
    MATCH (:Event {id: member})-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(s:Source)
    WHERE $known_as_of IS NULL OR s.published <= $known_as_of
    RETURN count(DISTINCT s) AS sources
  }
  WITH bucket, directions, sources, events ORDER BY bucket
  RETURN collect({bucket: bucket, directions: directions, sources: sources,
                  event_ids: [event IN events | event.id][..$max_event_ids]}) AS buckets
}
RETURN a {.id, .name, .kind, .country} AS a, b {.id, .name, .kind, .country} AS b, buckets,
       record_counts, happening_counts
