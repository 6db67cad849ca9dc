// Create the places a data set names, or add its identifiers to places already there; like
// merge_dataset_actors, never replaces what the graph holds (the seed's names of 'russia'), and
// keeps the identifiers a set, rebuilt under the node's write lock (no entry twice, whatever the
// concurrency; a doubled list from an earlier version is normalised).
// :param rows => [{id: 'russia', kind_label: 'Country', id_keys: ['gdelt.feature_id'], id_values: ['RS'], properties: {name: 'Russia', kind: 'country', country: 'RUS', latitude: 60.0, longitude: 100.0, search_text: 'Russia'}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Place {id: row.id})
WITH row, old,
     [i IN range(0, size(coalesce(old.dataset_id_keys, [])) - 1) | [old.dataset_id_keys[i], old.dataset_id_values[i]]] AS old_pairs
WITH row, old, old_pairs, CASE
  WHEN old IS NULL THEN 'created'
  WHEN all(i IN range(0, size(row.id_keys) - 1) WHERE [row.id_keys[i], row.id_values[i]] IN old_pairs)
   AND size(old_pairs) = size(reduce(seen = [], pair IN old_pairs | CASE WHEN pair IN seen THEN seen ELSE seen + [pair] END))
  THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, outcome) {
  WITH row WHERE outcome <> 'unchanged'
  MERGE (p:Place {id: row.id})
  ON CREATE SET p += row.properties, p.recorded_at = datetime()
  SET p.write_lock = true
  REMOVE p.write_lock
  WITH row, p,
       reduce(seen = [], pair IN [i IN range(0, size(coalesce(p.dataset_id_keys, [])) - 1) | [p.dataset_id_keys[i], p.dataset_id_values[i]]]
                                 + [i IN range(0, size(row.id_keys) - 1) | [row.id_keys[i], row.id_values[i]]] |
              CASE WHEN pair IN seen THEN seen ELSE seen + [pair] END) AS pairs
  SET p.dataset_id_keys = CASE WHEN size(pairs) = 0 THEN null ELSE [pair IN pairs | pair[0]] END,
      p.dataset_id_values = CASE WHEN size(pairs) = 0 THEN null ELSE [pair IN pairs | pair[1]] END,
      p.latitude = coalesce(p.latitude, row.properties.latitude),
      p.longitude = coalesce(p.longitude, row.properties.longitude),
      p.updated_at = datetime()
}
RETURN outcome, count(*) AS records
