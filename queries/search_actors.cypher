// Actors whose names or aliases, in any language, match a full-text query.
// :param q => 'بوتين'
// :param kind => null
// :param skip => 0
// :param limit => 20
CALL db.index.fulltext.queryNodes('names', $q) YIELD node, score
WHERE node:Actor AND ($kind IS NULL OR node.kind = $kind)
RETURN node.id AS id, score
ORDER BY score DESC, id
SKIP $skip LIMIT $limit
