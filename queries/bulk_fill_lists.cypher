// After a bulk import: the list properties its CSV left absent (an empty list has no CSV form)
// become [] on the nodes of one label, as `SET n += row.properties` stores them.
// Send it in an auto-commit transaction (it commits every $batch rows).
// :param label => 'Actor'
// :param lists => ['aliases', 'alt_names', 'alt_name_langs']
// :param batch => 10000
MATCH (n:$($label))
WHERE any(key IN $lists WHERE n[key] IS NULL)
CALL (n) {
  FOREACH (key IN [k IN $lists WHERE n[k] IS NULL] | SET n[key] = [])
} IN TRANSACTIONS OF $batch ROWS
