// Create or update actors, one row per actor record; unchanged rows (same content_hash) are left alone.
// The node is write-locked before its old content_hash is read, so concurrent writers serialise.
// What the data sets added (dataset_* properties, merge_dataset_actors) is kept.
// :param rows => [{id: 'vladimir_putin', kind_label: 'Person', properties: {name: 'Vladimir Putin', kind: 'person', content_hash: 'x', search_text: 'Vladimir Putin | بوتين'}}]
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
  SET a += row.properties, a.updated_at = datetime(), a.recorded_at = coalesce(a.recorded_at, datetime()),
      // the raw names the data sets added stay searchable
      a.search_text = reduce(text = row.properties.search_text, alias IN coalesce(a.dataset_aliases, []) |
                             CASE WHEN text CONTAINS alias THEN text ELSE text + ' | ' + alias END)
  REMOVE a:$([label IN labels(a) WHERE label <> 'Actor'])
  SET a:$(row.kind_label)
}
RETURN outcome, count(*) AS records
