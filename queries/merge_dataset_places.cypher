// Create the places a data set names, or merge a data set's sighting into a place already there,
// by the merge policy (docs/merge-policy.md), as merge_dataset_actors does for actors:
// * name and kind: the row's when its name_rank is higher than the node's, or equal with a smaller
//   [name, kind]; a native record's (name_rank 3) always stays;
// * country: the row's when it has one and its name_rank is higher than the node's country_rank,
//   or equal with a smaller code; coordinates likewise by coordinates_rank and the smaller
//   [latitude, longitude], from a row that gives both; never erased by a row without them;
// * dataset_id_keys/values: a set, rebuilt sorted under the node's write lock;
// * search_text: the node's own names.
// 'unchanged' when none of these would change; 'created' for a node no write finished before.
// :param rows => [{id: 'russia', id_keys: ['gdelt.feature_id'], id_values: ['RS'], properties: {name: 'Russia', kind: 'country', country: 'RUS', latitude: 60.0, longitude: 100.0, name_rank: 2}}]
UNWIND $rows AS row
MERGE (p:Place {id: row.id})
SET p.write_lock = true
REMOVE p.write_lock
WITH row, p, row.properties AS new,
     // a node written before ranks were stored: a native record's values rank 3
     coalesce(p.name_rank, CASE WHEN p.content_hash IS NULL THEN 0 ELSE 3 END) AS name_rank,
     coalesce(p.country_rank, CASE WHEN p.country IS NULL THEN 0 WHEN p.content_hash IS NULL THEN 1 ELSE 3 END) AS country_rank,
     coalesce(p.coordinates_rank, CASE WHEN p.latitude IS NULL OR p.longitude IS NULL THEN 0
                                       WHEN p.content_hash IS NULL THEN 1 ELSE 3 END) AS coordinates_rank
CALL (row, p) {
  UNWIND [i IN range(0, size(coalesce(p.dataset_id_keys, [])) - 1) | [p.dataset_id_keys[i], p.dataset_id_values[i]]]
         + [i IN range(0, size(row.id_keys) - 1) | [row.id_keys[i], row.id_values[i]]] AS pair
  WITH DISTINCT pair ORDER BY pair[0], pair[1]
  RETURN collect(pair) AS pairs
}
WITH row, p, new, pairs, p.updated_at IS NULL AS created, name_rank, country_rank, coordinates_rank,
     new.name_rank > name_rank
       OR (new.name_rank = name_rank AND [new.name, new.kind] < [p.name, p.kind]) AS names_it,
     new.country IS NOT NULL AND (new.name_rank > country_rank
       OR (new.name_rank = country_rank AND new.country < p.country)) AS places_it,
     new.latitude IS NOT NULL AND new.longitude IS NOT NULL AND (new.name_rank > coordinates_rank
       OR (new.name_rank = coordinates_rank AND [new.latitude, new.longitude] < [p.latitude, p.longitude])) AS locates_it
WITH p, pairs, created, names_it, places_it, locates_it,
     CASE WHEN names_it THEN new.name ELSE p.name END AS name,
     CASE WHEN names_it THEN new.kind ELSE p.kind END AS kind,
     CASE WHEN names_it THEN new.name_rank ELSE name_rank END AS new_name_rank,
     CASE WHEN places_it THEN new.country ELSE p.country END AS country,
     CASE WHEN places_it THEN new.name_rank WHEN p.country IS NULL THEN null ELSE country_rank END AS new_country_rank,
     CASE WHEN locates_it THEN new.latitude ELSE p.latitude END AS latitude,
     CASE WHEN locates_it THEN new.longitude ELSE p.longitude END AS longitude,
     CASE WHEN locates_it THEN new.name_rank WHEN p.latitude IS NULL OR p.longitude IS NULL THEN p.coordinates_rank
          ELSE coordinates_rank END AS new_coordinates_rank
WITH p, pairs, name, kind, new_name_rank, country, new_country_rank, latitude, longitude, new_coordinates_rank,
     reduce(text = name, other IN coalesce(p.alt_names, []) | text + ' | ' + other) AS search_text,
     created, names_it, places_it, locates_it
WITH p, pairs, name, kind, new_name_rank, country, new_country_rank, latitude, longitude, new_coordinates_rank, search_text,
     CASE
       WHEN created THEN 'created'
       WHEN NOT names_it AND NOT places_it AND NOT locates_it AND new_name_rank = p.name_rank
        AND (country IS NULL OR new_country_rank = p.country_rank)
        AND (latitude IS NULL OR longitude IS NULL OR new_coordinates_rank = p.coordinates_rank)
        AND pairs = [i IN range(0, size(coalesce(p.dataset_id_keys, [])) - 1) | [p.dataset_id_keys[i], p.dataset_id_values[i]]]
        AND search_text = p.search_text
       THEN 'unchanged'
       ELSE 'updated' END AS outcome
CALL (p, outcome, name, kind, new_name_rank, country, new_country_rank, latitude, longitude, new_coordinates_rank,
      pairs, search_text) {
  WITH p WHERE outcome <> 'unchanged'
  SET p.name = name, p.kind = kind, p.name_rank = new_name_rank,
      p.country = country, p.country_rank = new_country_rank,
      p.latitude = latitude, p.longitude = longitude, p.coordinates_rank = new_coordinates_rank,
      p.dataset_id_keys = CASE WHEN size(pairs) = 0 THEN null ELSE [pair IN pairs | pair[0]] END,
      p.dataset_id_values = CASE WHEN size(pairs) = 0 THEN null ELSE [pair IN pairs | pair[1]] END,
      p.search_text = search_text,
      p.recorded_at = coalesce(p.recorded_at, datetime()), p.updated_at = datetime()
}
RETURN outcome, count(*) AS records
