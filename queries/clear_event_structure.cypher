// Remove the structure of events that changed (their claims, type and place links, participations
// and derived dyads), under the lock merge_events took; the create_* passes then rebuild it.
// The dyads are found through the relationship index interaction_event, not by walking actors.
// :param ids => ['ev:x']
UNWIND $ids AS id
MATCH (e:Event {id: id})
CALL (e) {
  MATCH (e)-[:SUPPORTED_BY]->(stale:Claim)
  DETACH DELETE stale
}
CALL (e) {
  MATCH (e)-[link:OF_TYPE|TOOK_PLACE_IN]->()
  DELETE link
}
CALL (e) {
  MATCH (e)<-[participation:PARTICIPATED_IN]-()
  DELETE participation
}
CALL (id) {
  MATCH ()-[dyad:INTERACTED_WITH {event_id: id}]->()
  DELETE dyad
}
