// Create or update actors, one row per native (curated) actor record; unchanged rows (same content_hash) are left alone.
// The node is write-locked before its old content_hash is read, so concurrent writers serialise.
// Merge policy (docs/merge-policy.md): a property the record leaves out (null) keeps the value the
// node holds, a data set's or an earlier record's; the record's name and kind always win
// (name_rank 3), its country where it gives one (country_rank 3). What the data sets added
// (dataset_* properties, merge_dataset_actors) is kept; search_text is rebuilt from the node's names
// and then the data sets' raw names, as merge_dataset_actors builds it.
// :param rows => [{id: 'vladimir_putin', kind_label: 'Person', properties: {name: 'Vladimir Putin', kind: 'person', country: 'RUS', description: null, content_hash: 'x', search_text: 'Vladimir Putin | بوتين', name_rank: 3, country_rank: 3}}]
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.write_lock = true
REMOVE a.write_lock
WITH row, a, CASE
  WHEN a.content_hash IS NULL THEN 'created'
  WHEN a.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, a, outcome) {
  WITH row, a WHERE outcome <> 'unchanged'
  FOREACH (key IN [key IN keys(row.properties) WHERE row.properties[key] IS NOT NULL] |
    SET a[key] = row.properties[key])
  SET a.updated_at = datetime(), a.recorded_at = coalesce(a.recorded_at, datetime()),
      a.search_text = reduce(text = reduce(own = a.name, name IN coalesce(a.alt_names, []) + coalesce(a.aliases, []) |
                                           own + ' | ' + name),
                             alias IN coalesce(a.dataset_aliases, []) |
                             CASE WHEN text CONTAINS alias THEN text ELSE text + ' | ' + alias END)
  REMOVE a:$([label IN labels(a) WHERE label <> 'Actor'])
  SET a:$(row.kind_label)
}
RETURN outcome, count(*) AS records
