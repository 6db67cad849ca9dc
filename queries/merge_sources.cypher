// Create or update source documents, one row per source record; unchanged rows are left alone.
// The node is write-locked before its old content_hash is read, so concurrent writers serialise.
// A changed source also refreshes its claims' captions (its publisher) and first_reported on the
// events it reports.
// :param rows => [{id: 'src:seed', properties: {publisher: 'X', url: 'urn:x', published: date('2025-08-13'), language: 'ar', content_hash: 'x'}}]
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s.write_lock = true
REMOVE s.write_lock
WITH row, s, CASE
  WHEN s.content_hash IS NULL THEN 'created'
  WHEN s.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, s, outcome) {
  WITH row, s WHERE outcome <> 'unchanged'
  SET s += row.properties, s.updated_at = datetime(), s.recorded_at = coalesce(s.recorded_at, datetime())
  WITH s
  CALL (s) {
    MATCH (s)<-[:PUBLISHED_IN]-(claim:Claim)
    SET claim.caption = s.publisher
  }
  MATCH (s)<-[:PUBLISHED_IN]-(:Claim)<-[:SUPPORTED_BY]-(e:Event)
  WITH DISTINCT e
  MATCH (e)-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(source:Source)
  WITH e, min(source.published) AS first_reported
  SET e.first_reported = first_reported
}
RETURN outcome, count(*) AS records
