// Create the actors a data set names, or add the data set's raw names and identifiers to actors
// already there: never replaces a name, kind or description (the seed's Arabic names survive).
// Data-set additions go to their own properties (dataset_aliases, dataset_id_keys/values), which no
// native write touches; 'unchanged' when every alias and identifier is already there.
// :param rows => [{id: 'vladimir_putin', kind_label: 'Person', aliases: ['VLADIMIR PUTIN'], id_keys: ['gdelt.actor_name'], id_values: ['VLADIMIR PUTIN'], properties: {name: 'Vladimir Putin', kind: 'person', country: 'RUS', search_text: 'Vladimir Putin | VLADIMIR PUTIN', resolution: 'person by folded name, with a country'}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Actor {id: row.id})
WITH row, old,
     [i IN range(0, size(row.id_keys) - 1)
      WHERE old IS NULL OR NOT any(j IN range(0, size(coalesce(old.dataset_id_keys, [])) - 1)
        WHERE old.dataset_id_keys[j] = row.id_keys[i] AND old.dataset_id_values[j] = row.id_values[i])] AS fresh_ids,
     [alias IN row.aliases WHERE old IS NULL OR NOT alias IN coalesce(old.dataset_aliases, [])] AS fresh_aliases
WITH row, old, fresh_ids, fresh_aliases, CASE
  WHEN old IS NULL THEN 'created'
  WHEN size(fresh_ids) = 0 AND size(fresh_aliases) = 0 THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, outcome, fresh_ids, fresh_aliases) {
  WITH row, fresh_ids, fresh_aliases WHERE outcome <> 'unchanged'
  MERGE (a:Actor {id: row.id})
  ON CREATE SET a += row.properties, a.recorded_at = datetime(), a:$(row.kind_label)
  SET a.dataset_aliases = coalesce(a.dataset_aliases, []) + fresh_aliases,
      a.dataset_id_keys = coalesce(a.dataset_id_keys, []) + [i IN fresh_ids | row.id_keys[i]],
      a.dataset_id_values = coalesce(a.dataset_id_values, []) + [i IN fresh_ids | row.id_values[i]],
      a.country = coalesce(a.country, row.properties.country),
      a.resolution = coalesce(a.resolution, row.properties.resolution),
      a.search_text = reduce(text = coalesce(a.search_text, row.properties.name), alias IN fresh_aliases |
                             CASE WHEN text CONTAINS alias THEN text ELSE text + ' | ' + alias END),
      a.updated_at = datetime()
}
RETURN outcome, count(*) AS records
