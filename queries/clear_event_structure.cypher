// Remove the structure of events that changed (participations, derived dyads, claims, type and
// place links), under the lock merge_events took; the create_* passes then rebuild it.
// Locks follow the writer's one order: events, then actors, then types and places, then sources.
// The dyads are found through the relationship index interaction_event, not by walking actors.
// :param ids => ['ev:x']
UNWIND $ids AS id
MATCH (e:Event {id: id})
CALL (e) {
  MATCH (e)<-[participation:PARTICIPATED_IN]-()
  DELETE participation
}
CALL (id) {
  MATCH ()-[dyad:INTERACTED_WITH {event_id: id}]->()
  DELETE dyad
}
CALL (e) {
  MATCH (e)-[:SUPPORTED_BY]->(:Claim)-[said:ATTRIBUTED_TO|RELAYED_BY]->()
  DELETE said
}
CALL (e) {
  MATCH (e)-[link:OF_TYPE|TOOK_PLACE_IN]->()
  DELETE link
}
CALL (e) {
  MATCH (e)-[:SUPPORTED_BY]->(stale:Claim)
  DETACH DELETE stale
}
