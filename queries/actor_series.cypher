// An actor's interactions per calendar bucket (week, month, quarter or year): every event it
// took part in with someone, counted once, in the bucket of its start (as dyad_series: with count
// 'happenings' each happening that starts in the window once, its first record speaking for it;
// with 'records' each record; record_counts and happening_counts give both whatever count says);
// then the same per bucket for its top counterparts of the window (most events first). One row
// per series, keyed by the actor's id for its own and the counterpart's for each top one. Only
// buckets holding events come back; the caller fills the rest with zeros. known_as_of keeps the events
// some source had reported by that day. The actor's INTERACTED_WITH edges of the window come from
// index seeks on its id stored on them (interaction_from, interaction_to: id, precision,
// valid_from), once; the work is bounded by the window, not by the actor's history.
// :param id => 'prk'
// :param since => date('2024-01-01')
// :param until => date('2025-08-31')
// :param interval => 'month'
// :param known_as_of => null
// :param top => 5
// :param count => 'happenings'
MATCH (actor:Actor {id: $id})
CALL () {
  CALL () {
    MATCH ()-[i:INTERACTED_WITH]->(other:Actor)
    WHERE i.from_id = $id AND i.time_precision IN ['day', 'month', 'year', 'interval']
      AND coalesce($since, date('0001-01-01')) <= i.valid_from <= coalesce($until, date('9999-12-31'))
    RETURN i, other
    UNION ALL
    MATCH (other:Actor)-[i:INTERACTED_WITH]->()
    WHERE i.to_id = $id AND i.time_precision IN ['day', 'month', 'year', 'interval']
      AND coalesce($since, date('0001-01-01')) <= i.valid_from <= coalesce($until, date('9999-12-31'))
    RETURN i, other
  }
  WITH i, other WHERE $known_as_of IS NULL
    OR EXISTS { MATCH (e:Event {id: i.event_id}) WHERE e.first_reported <= $known_as_of }
  OPTIONAL MATCH (:Event {id: i.event_id})-[:REPORTS]->(h:Happening)
  RETURN collect({other: other, event_id: i.event_id, valid_from: i.valid_from, status: i.status,
                  quad_class: i.quad_class, goldstein: i.goldstein,
                  happening: coalesce(h.id, i.event_id), start: coalesce(h.start, i.valid_from)}) AS edges
}
CALL (edges) {
  UNWIND edges AS edge
  WITH edge.other AS other,
       count(DISTINCT CASE $count WHEN 'records' THEN edge.event_id ELSE edge.happening END) AS total
  ORDER BY total DESC, other.id
  LIMIT $top
  RETURN collect({counterpart: other {.id, .name, .kind, .country}, events: total}) AS counterparts
}
CALL (edges, counterparts) {
  UNWIND [$id] + [c IN counterparts | c.counterpart.id] AS series
  UNWIND edges AS edge
  WITH series, edge WHERE series = $id OR edge.other.id = series
  WITH DISTINCT series, edge.event_id AS id, edge.valid_from AS valid_from, edge.status AS status,
                edge.quad_class AS quad_class, edge.goldstein AS goldstein,
                edge.happening AS happening, edge.start AS start
  WITH series, collect({id: id, valid_from: valid_from, status: status, quad_class: quad_class,
                        goldstein: goldstein, happening: happening, start: start}) AS reports
  CALL (reports) {
    UNWIND reports AS report
    WITH date.truncate($interval, report.valid_from) AS bucket, count(*) AS n
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
    WITH report ORDER BY report.valid_from, report.id
    WITH CASE $count WHEN 'records' THEN report.id ELSE report.happening END AS entry,
         head(collect(report)) AS first
    WHERE $count = 'records' OR $since IS NULL OR first.start >= $since
    WITH first.status AS status, first.quad_class AS quad_class, first.goldstein AS goldstein,
         date.truncate($interval, CASE $count WHEN 'records' THEN first.valid_from
                                  ELSE first.start END) AS bucket
    WITH bucket, count(*) AS events,
         sum(CASE status WHEN 'occurred' THEN 1 ELSE 0 END) AS occurred,
         sum(CASE status WHEN 'planned' THEN 1 ELSE 0 END) AS planned,
         sum(CASE quad_class WHEN 1 THEN 1 ELSE 0 END) AS verbal_cooperation,
         sum(CASE quad_class WHEN 2 THEN 1 ELSE 0 END) AS material_cooperation,
         sum(CASE quad_class WHEN 3 THEN 1 ELSE 0 END) AS verbal_conflict,
         sum(CASE quad_class WHEN 4 THEN 1 ELSE 0 END) AS material_conflict,
         sum(goldstein) AS goldstein_total
    ORDER BY bucket
    RETURN collect({bucket: bucket, events: events, occurred: occurred, planned: planned,
                    verbal_cooperation: verbal_cooperation, material_cooperation: material_cooperation,
                    verbal_conflict: verbal_conflict, material_conflict: material_conflict,
                    goldstein_total: goldstein_total}) AS buckets
  }
  RETURN collect({series: series, buckets: buckets, record_counts: record_counts,
                  happening_counts: happening_counts}) AS series
}
RETURN actor {.id, .name, .kind, .country} AS actor, counterparts, series
