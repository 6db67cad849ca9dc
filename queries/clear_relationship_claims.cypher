// Remove the claims of relationships that changed, under the lock merge_relationships took;
// create_claims then writes their new claims. Speakers (actors) are unlinked before sources.
// :param ids => ['rel:x']
UNWIND $ids AS id
MATCH (stale:Claim {relationship_id: id})
CALL (stale) {
  MATCH (stale)-[said:ATTRIBUTED_TO|RELAYED_BY]->()
  DELETE said
}
DETACH DELETE stale
