// The events of one family (military aid: troops, munitions, workers) that began in a window (at
// most $limit), with who gave and who received, where, and who the claims are attributed to.
// :param family => 'military_aid'
// :param since => date('2023-01-01')
// :param until => date('2025-12-31')
// :param limit => 25
MATCH (e:Event {family: $family})
WHERE $since <= e.valid_from <= $until
WITH e ORDER BY e.valid_from, e.id LIMIT $limit
MATCH took_part = (:Actor)-[:PARTICIPATED_IN]->(e)
OPTIONAL MATCH place = (e)-[:TOOK_PLACE_IN]->(:Place)
OPTIONAL MATCH said = (e)-[:SUPPORTED_BY]->(:Claim)-[:ATTRIBUTED_TO]->(:Actor)
RETURN took_part, place, said
