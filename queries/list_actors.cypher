// Actors in name order, optionally of one kind.
// :param kind => 'person'
// :param skip => 0
// :param limit => 20
MATCH (a:Actor)
WHERE $kind IS NULL OR a.kind = $kind
RETURN a.id AS id, null AS score
ORDER BY a.name, a.id
SKIP $skip LIMIT $limit
