// Create or update places, one row per place record; unchanged rows are left alone.
// :param rows => [{id: 'alaska', properties: {name: 'Alaska', kind: 'region', content_hash: 'x', search_text: 'Alaska | ألاسكا'}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Place {id: row.id})
WITH row, CASE
  WHEN old IS NULL THEN 'created'
  WHEN old.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, outcome) {
  WITH row WHERE outcome <> 'unchanged'
  MERGE (p:Place {id: row.id})
  ON CREATE SET p.recorded_at = datetime()
  SET p += row.properties, p.updated_at = datetime()
}
RETURN outcome, count(*) AS records
