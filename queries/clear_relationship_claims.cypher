// Remove the claims of relationships that changed, under the lock merge_relationships took;
// create_claims then writes their new claims.
// :param ids => ['rel:x']
UNWIND $ids AS id
MATCH (stale:Claim {relationship_id: id})
DETACH DELETE stale
