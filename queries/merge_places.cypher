// Create or update places, one row per place record; unchanged rows are left alone.
// The node is write-locked before its old content_hash is read, so concurrent writers serialise.
// :param rows => [{id: 'alaska', properties: {name: 'Alaska', kind: 'region', content_hash: 'x', search_text: 'Alaska | ألاسكا'}}]
UNWIND $rows AS row
MERGE (p:Place {id: row.id})
SET p.write_lock = true
REMOVE p.write_lock
WITH row, p, CASE
  WHEN p.content_hash IS NULL THEN 'created'
  WHEN p.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, p, outcome) {
  WITH row, p WHERE outcome <> 'unchanged'
  SET p += row.properties, p.updated_at = datetime(), p.recorded_at = coalesce(p.recorded_at, datetime())
}
RETURN outcome, count(*) AS records
