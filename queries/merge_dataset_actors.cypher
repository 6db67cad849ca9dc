// Create the actors a data set names, or merge a data set's sighting into an actor already there,
// by the merge policy (docs/merge-policy.md), so that files loaded in any order make one graph:
// * name and kind (and label): the row's when its name_rank is higher than the node's, or equal
//   with a smaller [name, kind]; a native record's (name_rank 3) always stays;
// * resolution (the rule that gave the id): the smallest of the data sets' texts;
// * country: the row's when it has one and its name_rank is higher than the node's country_rank,
//   or equal with a smaller code; never erased by a row without one;
// * dataset_aliases and dataset_id_keys/values: sets, rebuilt sorted under the node's write lock
//   from what it holds then plus the row, each entry once (no native write touches them);
// * search_text: the node's own names, then each raw name it does not already contain.
// 'unchanged' when none of these would change; 'created' for a node no write finished before.
// :param rows => [{id: 'vladimir_putin', kind_label: 'Person', aliases: ['VLADIMIR PUTIN'], id_keys: ['gdelt.actor_name'], id_values: ['VLADIMIR PUTIN'], properties: {name: 'Vladimir Putin', kind: 'person', country: 'RUS', resolution: 'person by folded name, with a country', name_rank: 1}}]
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.write_lock = true
REMOVE a.write_lock
WITH row, a, row.properties AS new,
     // a node written before ranks were stored: a native record's values rank 3
     coalesce(a.name_rank, CASE WHEN a.content_hash IS NULL THEN 0 ELSE 3 END) AS name_rank,
     coalesce(a.country_rank, CASE WHEN a.country IS NULL THEN 0 WHEN a.content_hash IS NULL THEN 1 ELSE 3 END) AS country_rank
CALL (row, a) {
  UNWIND coalesce(a.dataset_aliases, []) + row.aliases AS alias
  WITH DISTINCT alias ORDER BY alias
  RETURN collect(alias) AS aliases
}
CALL (row, a) {
  UNWIND [i IN range(0, size(coalesce(a.dataset_id_keys, [])) - 1) | [a.dataset_id_keys[i], a.dataset_id_values[i]]]
         + [i IN range(0, size(row.id_keys) - 1) | [row.id_keys[i], row.id_values[i]]] AS pair
  WITH DISTINCT pair ORDER BY pair[0], pair[1]
  RETURN collect(pair) AS pairs
}
WITH row, a, new, aliases, pairs, a.updated_at IS NULL AS created, name_rank, country_rank,
     new.name_rank > name_rank
       OR (new.name_rank = name_rank AND [new.name, new.kind] < [a.name, a.kind]) AS names_it,
     new.country IS NOT NULL AND (new.name_rank > country_rank
       OR (new.name_rank = country_rank AND new.country < a.country)) AS places_it
WITH row, a, new, aliases, pairs, created, names_it, places_it, name_rank, country_rank,
     CASE WHEN names_it THEN new.name ELSE a.name END AS name,
     CASE WHEN names_it THEN new.kind ELSE a.kind END AS kind,
     CASE WHEN a.resolution IS NULL OR new.resolution < a.resolution THEN new.resolution ELSE a.resolution END AS resolution,
     CASE WHEN names_it THEN new.name_rank ELSE name_rank END AS new_name_rank,
     CASE WHEN places_it THEN new.country ELSE a.country END AS country,
     CASE WHEN places_it THEN new.name_rank WHEN a.country IS NULL THEN null ELSE country_rank END AS new_country_rank
WITH row, a, aliases, pairs, created, names_it, places_it, name, kind, resolution, new_name_rank, country,
     new_country_rank,
     reduce(text = reduce(own = name, other IN coalesce(a.alt_names, []) + coalesce(a.aliases, []) | own + ' | ' + other),
            alias IN aliases | CASE WHEN text CONTAINS alias THEN text ELSE text + ' | ' + alias END) AS search_text
WITH row, a, aliases, pairs, names_it, name, kind, resolution, new_name_rank, country, new_country_rank, search_text,
     CASE
       WHEN created THEN 'created'
       WHEN NOT names_it AND NOT places_it AND resolution = a.resolution AND new_name_rank = a.name_rank
        AND (country IS NULL OR new_country_rank = a.country_rank)
        AND aliases = coalesce(a.dataset_aliases, [])
        AND pairs = [i IN range(0, size(coalesce(a.dataset_id_keys, [])) - 1) | [a.dataset_id_keys[i], a.dataset_id_values[i]]]
        AND search_text = a.search_text
       THEN 'unchanged'
       ELSE 'updated' END AS outcome
CALL (row, a, outcome, names_it, name, kind, resolution, new_name_rank, country, new_country_rank, aliases, pairs, search_text) {
  WITH row, a, names_it WHERE outcome <> 'unchanged'
  SET a.name = name, a.kind = kind, a.resolution = resolution, a.name_rank = new_name_rank,
      a.country = country, a.country_rank = new_country_rank,
      a.dataset_aliases = CASE WHEN size(aliases) = 0 THEN null ELSE aliases END,
      a.dataset_id_keys = CASE WHEN size(pairs) = 0 THEN null ELSE [pair IN pairs | pair[0]] END,
      a.dataset_id_values = CASE WHEN size(pairs) = 0 THEN null ELSE [pair IN pairs | pair[1]] END,
      a.search_text = search_text,
      a.recorded_at = coalesce(a.recorded_at, datetime()), a.updated_at = datetime()
  WITH row, a WHERE names_it
  REMOVE a:$([label IN labels(a) WHERE label <> 'Actor'])
  SET a:$(row.kind_label)
}
RETURN outcome, count(*) AS records
