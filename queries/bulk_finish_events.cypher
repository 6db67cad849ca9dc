// After a bulk import: each event's first_reported, the earliest publication date among its
// claims' sources (as merge_events.cypher sets it), and its empty list properties as [].
// Send it in an auto-commit transaction (it commits every $batch rows).
// :param lists => ['quantity_what', 'quantity_value']
// :param batch => 10000
MATCH (e:Event)
CALL (e) {
  OPTIONAL MATCH (e)-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(s:Source)
  WITH e, min(s.published) AS first_reported
  SET e.first_reported = first_reported
  FOREACH (key IN [k IN $lists WHERE e[k] IS NULL] | SET e[key] = [])
} IN TRANSACTIONS OF $batch ROWS
