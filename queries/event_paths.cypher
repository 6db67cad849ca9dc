// The shortest chains of events linking two actors in a window: actor, event, actor, event, …
// At most 6 hops (events) in a chain; max_hops narrows it.
// :param from => 'kim_jong_un'
// :param to => 'donald_trump'
// :param since => null
// :param until => null
// :param max_hops => 4
// :param limit => 10
MATCH (start:Actor {id: $from}), (end:Actor {id: $to})
MATCH chain = ALL SHORTEST (start)(()-[:PARTICIPATED_IN]->(e:Event
    WHERE ($until IS NULL OR e.valid_from <= $until)
      AND ($since IS NULL OR e.valid_to IS NULL OR e.valid_to >= $since)
  )<-[:PARTICIPATED_IN]-()){1,6}(end)
WHERE length(chain) <= 2 * $max_hops
WITH chain ORDER BY [n IN nodes(chain) | n.id]
RETURN [n IN nodes(chain) | CASE WHEN n:Event
         THEN {kind: 'event', id: n.id, title: n.title, type: n.type, valid_from: n.valid_from, status: n.status}
         ELSE {kind: 'actor', id: n.id, name: n.name} END] AS steps
LIMIT $limit
