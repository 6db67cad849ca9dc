// Who else appears around two actors: everyone who takes part in an event with them, except
// their own leaders and bodies (LEADS, PART_OF), and who the sources quote about those events.
// :param core => ['prk', 'rus']
MATCH (core:Actor) WHERE core.id IN $core
MATCH took_part = (core)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(other:Actor)
WHERE NOT other.id IN $core
  AND NOT EXISTS { (other)-[:LEADS|PART_OF]->(own:Actor) WHERE own.id IN $core }
OPTIONAL MATCH said = (e)-[:SUPPORTED_BY]->(:Claim)-[:ATTRIBUTED_TO|RELAYED_BY]->(:Actor)
RETURN took_part, said
