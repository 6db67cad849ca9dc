// Create the actors a data set names, or add the data set's raw names and identifiers to actors
// already there: never replaces a name, kind or description (the seed's Arabic names survive).
// Data-set additions go to their own properties (dataset_aliases, dataset_id_keys/values), which no
// native write touches; 'unchanged' when every alias and identifier is already there, once each.
// The lists are sets: they are rebuilt under the node's write lock from what it holds then plus
// the row, each entry once, so concurrent writers never double an entry and a write normalises a
// list an earlier version doubled. (Distinct lists are folded with reduce: Cypher has no set type.)
// :param rows => [{id: 'vladimir_putin', kind_label: 'Person', aliases: ['VLADIMIR PUTIN'], id_keys: ['gdelt.actor_name'], id_values: ['VLADIMIR PUTIN'], properties: {name: 'Vladimir Putin', kind: 'person', country: 'RUS', search_text: 'Vladimir Putin | VLADIMIR PUTIN', resolution: 'person by folded name, with a country'}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Actor {id: row.id})
WITH row, old,
     coalesce(old.dataset_aliases, []) AS old_aliases,
     [i IN range(0, size(coalesce(old.dataset_id_keys, [])) - 1) | [old.dataset_id_keys[i], old.dataset_id_values[i]]] AS old_pairs
WITH row, old, old_aliases, old_pairs, CASE
  WHEN old IS NULL THEN 'created'
  WHEN all(alias IN row.aliases WHERE alias IN old_aliases)
   AND all(i IN range(0, size(row.id_keys) - 1) WHERE [row.id_keys[i], row.id_values[i]] IN old_pairs)
   AND size(old_aliases) = size(reduce(seen = [], alias IN old_aliases | CASE WHEN alias IN seen THEN seen ELSE seen + [alias] END))
   AND size(old_pairs) = size(reduce(seen = [], pair IN old_pairs | CASE WHEN pair IN seen THEN seen ELSE seen + [pair] END))
  THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, outcome) {
  WITH row WHERE outcome <> 'unchanged'
  MERGE (a:Actor {id: row.id})
  ON CREATE SET a += row.properties, a.recorded_at = datetime(), a:$(row.kind_label)
  SET a.write_lock = true
  REMOVE a.write_lock
  WITH row, a,
       reduce(seen = [], alias IN coalesce(a.dataset_aliases, []) + row.aliases |
              CASE WHEN alias IN seen THEN seen ELSE seen + [alias] END) AS aliases,
       reduce(seen = [], pair IN [i IN range(0, size(coalesce(a.dataset_id_keys, [])) - 1) | [a.dataset_id_keys[i], a.dataset_id_values[i]]]
                                 + [i IN range(0, size(row.id_keys) - 1) | [row.id_keys[i], row.id_values[i]]] |
              CASE WHEN pair IN seen THEN seen ELSE seen + [pair] END) AS pairs
  SET a.dataset_aliases = CASE WHEN size(aliases) = 0 THEN null ELSE aliases END,
      a.dataset_id_keys = CASE WHEN size(pairs) = 0 THEN null ELSE [pair IN pairs | pair[0]] END,
      a.dataset_id_values = CASE WHEN size(pairs) = 0 THEN null ELSE [pair IN pairs | pair[1]] END,
      a.country = coalesce(a.country, row.properties.country),
      a.resolution = coalesce(a.resolution, row.properties.resolution),
      a.search_text = reduce(text = coalesce(a.search_text, row.properties.name), alias IN row.aliases |
                             CASE WHEN text CONTAINS alias THEN text ELSE text + ' | ' + alias END),
      a.updated_at = datetime()
}
RETURN outcome, count(*) AS records
