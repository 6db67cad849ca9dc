// Create or update actors, one row per actor record; unchanged rows (same content_hash) are left alone.
// What the data sets added (dataset_* properties, merge_dataset_actors) is kept.
// :param rows => [{id: 'vladimir_putin', kind_label: 'Person', properties: {name: 'Vladimir Putin', kind: 'person', content_hash: 'x', search_text: 'Vladimir Putin | بوتين'}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Actor {id: row.id})
WITH row, CASE
  WHEN old IS NULL THEN 'created'
  WHEN old.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, outcome) {
  WITH row WHERE outcome <> 'unchanged'
  MERGE (a:Actor {id: row.id})
  ON CREATE SET a.recorded_at = datetime()
  SET a += row.properties, a.updated_at = datetime(),
      // the raw names the data sets added stay searchable
      a.search_text = reduce(text = row.properties.search_text, alias IN coalesce(a.dataset_aliases, []) |
                             CASE WHEN text CONTAINS alias THEN text ELSE text + ' | ' + alias END)
  REMOVE a:$([label IN labels(a) WHERE label <> 'Actor'])
  SET a:$(row.kind_label)
}
RETURN outcome, count(*) AS records
