// Create or update source documents, one row per source record; unchanged rows are left alone.
// A changed source also refreshes first_reported on the events it reports.
// :param rows => [{id: 'src:seed', properties: {publisher: 'X', url: 'urn:x', published: date('2025-08-13'), language: 'ar', content_hash: 'x'}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Source {id: row.id})
WITH row, CASE
  WHEN old IS NULL THEN 'created'
  WHEN old.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, outcome) {
  WITH row WHERE outcome <> 'unchanged'
  MERGE (s:Source {id: row.id})
  ON CREATE SET s.recorded_at = datetime()
  SET s += row.properties, s.updated_at = datetime()
  WITH s
  MATCH (s)<-[:PUBLISHED_IN]-(:Claim)<-[:SUPPORTED_BY]-(e:Event)
  WITH DISTINCT e
  MATCH (e)-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(source:Source)
  WITH e, min(source.published) AS first_reported
  SET e.first_reported = first_reported
}
RETURN outcome, count(*) AS records
