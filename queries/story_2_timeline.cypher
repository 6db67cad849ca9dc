// Every event two actors both took part in within a window (at most $limit, in time order),
// before, on the day of and after the treaty that made them allies.
// :param a => 'prk'
// :param b => 'rus'
// :param treaty => 'ev:2024-06-19-rus-prk-strategic-partnership-treaty'
// :param since => date('2019-01-01')
// :param until => date('2025-12-31')
// :param limit => 50
MATCH (a:Actor {id: $a}), (b:Actor {id: $b}), (treaty:Event {id: $treaty})
MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b)
WHERE $since <= e.valid_from <= $until
WITH DISTINCT treaty, e
RETURN CASE
         WHEN e = treaty THEN 'the treaty'
         WHEN e.valid_from < treaty.valid_from THEN 'before'
         WHEN e.valid_from = treaty.valid_from THEN 'that day'
         ELSE 'after' END AS period,
       e.time_start AS date, e.status AS status, e.type AS type, e.title AS title
ORDER BY e.valid_from, e.id
LIMIT $limit
