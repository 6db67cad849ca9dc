// Who took part in new or rebuilt events, one row per participation (role, and the representative
// it acts through or the actor it represents).
// :param rows => [{event: 'ev:x', actor: 'kim_jong_un', role: 'initiator', through: null, represents: 'prk'}]
UNWIND $rows AS row
MATCH (e:Event {id: row.event})
MATCH (a:Actor {id: row.actor})
CREATE (a)-[:PARTICIPATED_IN {role: row.role, through: row.through, represents: row.represents}]->(e)
