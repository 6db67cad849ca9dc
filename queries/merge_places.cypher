// Create or update places, one row per native (curated) place record; unchanged rows are left alone.
// The node is write-locked before its old content_hash is read, so concurrent writers serialise.
// Merge policy (docs/merge-policy.md): a property the record leaves out (null) keeps the value the
// node holds (a data set's coordinates stay); the record's name and kind always win (name_rank 3),
// its country and coordinates where it gives them (country_rank, coordinates_rank 3).
// :param rows => [{id: 'alaska', properties: {name: 'Alaska', kind: 'region', latitude: null, longitude: null, content_hash: 'x', search_text: 'Alaska | ألاسكا', name_rank: 3, country_rank: null, coordinates_rank: null}}]
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
  FOREACH (key IN [key IN keys(row.properties) WHERE row.properties[key] IS NOT NULL] |
    SET p[key] = row.properties[key])
  SET p.updated_at = datetime(), p.recorded_at = coalesce(p.recorded_at, datetime()),
      p.search_text = reduce(text = p.name, name IN coalesce(p.alt_names, []) | text + ' | ' + name)
}
RETURN outcome, count(*) AS records
