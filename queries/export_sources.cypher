// Source documents for the RDF export, one page in id order after $after; $ids null for every
// source, or the ids wanted (a filtered export asks for the sources its claims cite).
// :param after => ''
// :param ids => null
// :param batch => 1000
MATCH (s:Source)
WHERE s.id > $after AND ($ids IS NULL OR s.id IN $ids)
RETURN s {.id, .publisher, .url, .published, .language, .title} AS source
ORDER BY s.id
LIMIT $batch
