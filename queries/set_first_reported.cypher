// When each new or rebuilt event was first reported: the earliest publication of its sources.
// :param ids => ['ev:x']
UNWIND $ids AS id
MATCH (e:Event {id: id})-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(s:Source)
WITH e, min(s.published) AS first_reported
SET e.first_reported = first_reported
