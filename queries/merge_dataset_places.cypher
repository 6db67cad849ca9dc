// Create the places a data set names, or add its identifiers to places already there; like
// merge_dataset_actors, never replaces what the graph holds (the seed's names of 'russia').
// :param rows => [{id: 'russia', kind_label: 'Country', id_keys: ['gdelt.feature_id'], id_values: ['RS'], properties: {name: 'Russia', kind: 'country', country: 'RUS', latitude: 60.0, longitude: 100.0, search_text: 'Russia'}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Place {id: row.id})
WITH row, old,
     [i IN range(0, size(row.id_keys) - 1)
      WHERE old IS NULL OR NOT any(j IN range(0, size(coalesce(old.dataset_id_keys, [])) - 1)
        WHERE old.dataset_id_keys[j] = row.id_keys[i] AND old.dataset_id_values[j] = row.id_values[i])] AS fresh_ids
WITH row, old, fresh_ids, CASE
  WHEN old IS NULL THEN 'created'
  WHEN size(fresh_ids) = 0 THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, outcome, fresh_ids) {
  WITH row, fresh_ids WHERE outcome <> 'unchanged'
  MERGE (p:Place {id: row.id})
  ON CREATE SET p += row.properties, p.recorded_at = datetime()
  SET p.dataset_id_keys = coalesce(p.dataset_id_keys, []) + [i IN fresh_ids | row.id_keys[i]],
      p.dataset_id_values = coalesce(p.dataset_id_values, []) + [i IN fresh_ids | row.id_values[i]],
      p.latitude = coalesce(p.latitude, row.properties.latitude),
      p.longitude = coalesce(p.longitude, row.properties.longitude),
      p.updated_at = datetime()
}
RETURN outcome, count(*) AS records
