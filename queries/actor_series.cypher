// An actor's interactions per calendar bucket (week, month, quarter or year): every event it
// took part in with someone, counted once, in the bucket of its start (as dyad_series); then the
// same per bucket for its top counterparts of the window (most events first). Only buckets
// holding events come back; the caller fills the rest with zeros. known_as_of keeps the events
// some source had reported by that day. The actor's INTERACTED_WITH edges of the window come from
// index seeks on its id stored on them (interaction_from, interaction_to: id, precision,
// valid_from), once; the work is bounded by the window, not by the actor's history.
// :param id => 'prk'
// :param since => date('2024-01-01')
// :param until => date('2025-08-31')
// :param interval => 'month'
// :param known_as_of => null
// :param top => 5
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
  RETURN collect({other: other, event_id: i.event_id, valid_from: i.valid_from, status: i.status,
                  quad_class: i.quad_class, goldstein: i.goldstein}) AS edges
}
CALL (edges) {
  UNWIND edges AS edge
  WITH DISTINCT edge.event_id AS event_id, edge.valid_from AS valid_from, edge.status AS status,
                edge.quad_class AS quad_class, edge.goldstein AS goldstein
  WITH date.truncate($interval, valid_from) AS bucket, count(*) AS events,
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
                  goldstein_total: goldstein_total}) AS overall
}
CALL (edges) {
  UNWIND edges AS edge
  WITH edge.other AS other, count(DISTINCT edge.event_id) AS total
  ORDER BY total DESC, other.id
  LIMIT $top
  CALL (edges, other) {
    UNWIND edges AS edge
    WITH edge WHERE edge.other = other
    WITH DISTINCT edge.event_id AS event_id, edge.valid_from AS valid_from, edge.status AS status,
                  edge.quad_class AS quad_class, edge.goldstein AS goldstein
    WITH date.truncate($interval, valid_from) AS bucket, count(*) AS events,
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
  WITH other, total, buckets ORDER BY total DESC, other.id
  RETURN collect({counterpart: other {.id, .name, .kind, .country}, events: total,
                  buckets: buckets}) AS counterparts
}
RETURN actor {.id, .name, .kind, .country} AS actor, overall, counterparts
