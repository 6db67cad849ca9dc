// Remove happenings a regrouping superseded (their ids live on as aliases of their successors,
// written by write_happenings in the same transaction).
// :param ids => ['hap_x']
UNWIND $ids AS id
MATCH (h:Happening {id: id})
DETACH DELETE h
