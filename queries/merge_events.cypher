// Create or update events with their type, place, participants, claims and derived actor dyads.
// A changed event has its structure rebuilt; an unchanged one (same content_hash) is left alone.
// :param rows => [{id: 'ev:x', family_label: 'Diplomacy', place: null, participants: [{actor: 'kim_jong_un', role: 'initiator'}], dyads: [], claims: [], properties: {type: 'telephone_call', content_hash: 'x', valid_from: date('2025-08-13')}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Event {id: row.id})
WITH row, old, CASE
  WHEN old IS NULL THEN 'created'
  WHEN old.content_hash = row.properties.content_hash THEN 'unchanged'
  ELSE 'updated' END AS outcome
CALL (row, old, outcome) {
  WITH row, old WHERE outcome = 'updated'
  OPTIONAL MATCH (old)-[:SUPPORTED_BY]->(stale:Claim)
  DETACH DELETE stale
  WITH DISTINCT row, old
  OPTIONAL MATCH (old)-[structure:OF_TYPE|TOOK_PLACE_IN]->()
  DELETE structure
  WITH DISTINCT row, old
  OPTIONAL MATCH (old)<-[participation:PARTICIPATED_IN]-()
  DELETE participation
  WITH DISTINCT row
  OPTIONAL MATCH ()-[dyad:INTERACTED_WITH {event_id: row.id}]->()
  DELETE dyad
}
CALL (row, outcome) {
  WITH row WHERE outcome <> 'unchanged'
  MERGE (e:Event {id: row.id})
  ON CREATE SET e.recorded_at = datetime()
  SET e += row.properties, e.updated_at = datetime()
  REMOVE e:$([label IN labels(e) WHERE label <> 'Event'])
  SET e:$(row.family_label)
  WITH row, e
  MATCH (t:EventType {id: row.properties.type})
  MERGE (e)-[:OF_TYPE]->(t)
  WITH row, e
  CALL (row, e) {
    MATCH (p:Place {id: row.place})
    MERGE (e)-[:TOOK_PLACE_IN]->(p)
  }
  CALL (row, e) {
    UNWIND row.participants AS participant
    MATCH (a:Actor {id: participant.actor})
    MERGE (a)-[r:PARTICIPATED_IN {role: participant.role}]->(e)
    SET r.through = participant.through, r.represents = participant.represents
  }
  CALL (row, e) {
    UNWIND row.dyads AS dyad
    MATCH (a:Actor {id: dyad.from}), (b:Actor {id: dyad.to})
    MERGE (a)-[i:INTERACTED_WITH {event_id: row.id}]->(b)
    SET i.type = row.properties.type, i.cameo = row.properties.cameo, i.mutual = dyad.mutual,
        i.quad_class = row.properties.quad_class, i.goldstein = row.properties.goldstein,
        i.status = row.properties.status, i.valid_from = row.properties.valid_from,
        i.valid_to = row.properties.valid_to, i.ongoing = row.properties.ongoing,
        i.time_precision = row.properties.time_precision
  }
  CALL (row, e) {
    UNWIND row.claims AS claim
    MATCH (s:Source {id: claim.source})
    MERGE (c:Claim {id: claim.id})
    SET c += claim.properties
    MERGE (e)-[:SUPPORTED_BY]->(c)
    MERGE (c)-[:PUBLISHED_IN]->(s)
    WITH claim, c
    CALL (claim, c) {
      UNWIND claim.attributed_to AS speaker_id
      MATCH (speaker:Actor {id: speaker_id})
      MERGE (c)-[:ATTRIBUTED_TO]->(speaker)
    }
    CALL (claim, c) {
      UNWIND claim.via AS relay_id
      MATCH (relay:Actor {id: relay_id})
      MERGE (c)-[:RELAYED_BY]->(relay)
    }
  }
  CALL (e) {
    MATCH (e)-[:SUPPORTED_BY]->(:Claim)-[:PUBLISHED_IN]->(s:Source)
    WITH e, min(s.published) AS first_reported
    SET e.first_reported = first_reported
  }
}
RETURN outcome, count(*) AS records
