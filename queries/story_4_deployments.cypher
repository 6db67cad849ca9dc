// The events of one family (military aid: troops, munitions, workers) with who gave and who
// received, where, and who the claims are attributed to.
// :param family => 'military_aid'
MATCH (e:Event {family: $family})
MATCH took_part = (:Actor)-[:PARTICIPATED_IN]->(e)
OPTIONAL MATCH place = (e)-[:TOOK_PLACE_IN]->(:Place)
OPTIONAL MATCH said = (e)-[:SUPPORTED_BY]->(:Claim)-[:ATTRIBUTED_TO]->(:Actor)
RETURN took_part, place, said
