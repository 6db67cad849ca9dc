// Who took part in new or rebuilt events, one row per participation (role, and the representative
// it acts through or the actor it represents), with the actor's id and the event's precision and
// valid_from copied onto it, which dyad_timeline seeks on (participation_actor).
// :param rows => [{event: 'ev:x', actor: 'kim_jong_un', role: 'initiator', through: null, represents: 'prk', time_precision: 'day', valid_from: date('2025-08-13')}]
UNWIND $rows AS row
MATCH (e:Event {id: row.event})
MATCH (a:Actor {id: row.actor})
CREATE (a)-[:PARTICIPATED_IN {role: row.role, through: row.through, represents: row.represents,
                              actor: row.actor, time_precision: row.time_precision,
                              valid_from: row.valid_from}]->(e)
