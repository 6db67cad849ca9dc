// Who else appears around two actors in a window: everyone who takes part in an event with them
// that began in it (at most $limit events, the latest), except their own leaders and bodies
// (LEADS, PART_OF), and who the sources quote about those events.
// :param core => ['prk', 'rus']
// :param since => date('2025-01-01')
// :param until => date('2025-12-31')
// :param limit => 25
MATCH (core:Actor) WHERE core.id IN $core
MATCH (core)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(other:Actor)
WHERE $since <= e.valid_from <= $until AND NOT other.id IN $core
  AND NOT EXISTS { (other)-[:LEADS|PART_OF]->(own:Actor) WHERE own.id IN $core }
WITH DISTINCT e ORDER BY e.valid_from DESC, e.id LIMIT $limit
MATCH took_part = (core:Actor)-[:PARTICIPATED_IN]->(e)<-[:PARTICIPATED_IN]-(other:Actor)
WHERE core.id IN $core AND NOT other.id IN $core
  AND NOT EXISTS { (other)-[:LEADS|PART_OF]->(own:Actor) WHERE own.id IN $core }
OPTIONAL MATCH said = (e)-[:SUPPORTED_BY]->(:Claim)-[:ATTRIBUTED_TO|RELAYED_BY]->(:Actor)
RETURN took_part, said
