// Which of the given ids already exist as actors, places, sources or events (for reference checks),
// with an event's start (a relationship derived from it starts then).
// :param ids => ['kim_jong_un', 'nobody']
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (a:Actor {id: id}) RETURN a IS NOT NULL AS is_actor
}
CALL (id) {
  OPTIONAL MATCH (p:Place {id: id}) RETURN p IS NOT NULL AS is_place
}
CALL (id) {
  OPTIONAL MATCH (s:Source {id: id}) RETURN s IS NOT NULL AS is_source
}
CALL (id) {
  OPTIONAL MATCH (e:Event {id: id}) RETURN e IS NOT NULL AS is_event, e.time_start AS event_start
}
RETURN id, is_actor, is_place, is_source, is_event, event_start
