// The records whose time reaches into a window, for `geokg happenings rebuild --since --until`
// (graph/happenings/rebuild.py); the whole graph with the widest window.
// :param since => date('2025-08-01')
// :param until => date('2025-08-31')
MATCH (e:Event)
WHERE e.valid_from <= $until AND coalesce(e.valid_to, e.valid_from) >= $since
RETURN e.id AS id
ORDER BY id
