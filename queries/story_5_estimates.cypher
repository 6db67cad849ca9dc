// The figures the events of one family that began in a window report ("about 15,000 soldiers"),
// who estimated them, and what the source says, in time order (at most $limit).
// :param family => 'military_aid'
// :param since => date('2023-01-01')
// :param until => date('2025-12-31')
// :param limit => 25
MATCH (e:Event {family: $family})
WHERE $since <= e.valid_from <= $until
RETURN e.time_start AS since, e.status AS status, e.title AS event,
       [i IN range(0, size(coalesce(e.quantity_what, [])) - 1) |
         CASE WHEN e.quantity_approximate[i] THEN 'about ' ELSE '' END
         + toString(toInteger(e.quantity_value[i])) + ' ' + e.quantity_what[i]
         + CASE WHEN e.quantity_estimated_by_count[i] > 0
           THEN ' (estimated by ' + reduce(names = '', a IN e.quantity_estimated_by[
                  reduce(o = 0, c IN e.quantity_estimated_by_count[..i] | o + c)
                  ..reduce(o = 0, c IN e.quantity_estimated_by_count[..i + 1] | o + c)]
                | names + CASE WHEN names = '' THEN '' ELSE ', ' END + a) + ')'
           ELSE '' END] AS estimates,
       [(e)-[:SUPPORTED_BY]->(claim:Claim) | claim.translation] AS reported_as
ORDER BY e.valid_from, e.id
LIMIT $limit
