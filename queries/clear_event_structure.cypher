// Remove the structure of events that changed (participations, derived dyads, claims, type and
// place links), under the lock merge_events took; the create_* passes then rebuild it.
// Locks follow the writer's one order: events, then actors, then types and places, then sources.
// The dyads are found through the relationship index interaction_event, not by walking actors.
// Claims other sources added to an event (GDELT mentions, marked `mention`) stay, unless the
// event's new record holds a claim of the same id (then it is rebuilt as the event's own).
// :param rows => [{id: 'ev:x', claims: ['claim:x']}]
UNWIND $rows AS row
WITH row.id AS id, row.claims AS claims
MATCH (e:Event {id: id})
CALL (e) {
  MATCH (e)<-[participation:PARTICIPATED_IN]-()
  DELETE participation
}
CALL (id) {
  MATCH ()-[dyad:INTERACTED_WITH {event_id: id}]->()
  DELETE dyad
}
CALL (e, claims) {
  MATCH (e)-[:SUPPORTED_BY]->(c:Claim)-[said:ATTRIBUTED_TO|RELAYED_BY]->()
  WHERE c.mention IS NULL OR c.id IN claims
  DELETE said
}
CALL (e) {
  MATCH (e)-[link:OF_TYPE|TOOK_PLACE_IN]->()
  DELETE link
}
CALL (e, claims) {
  MATCH (e)-[:SUPPORTED_BY]->(stale:Claim)
  WHERE stale.mention IS NULL OR stale.id IN claims
  DETACH DELETE stale
}
