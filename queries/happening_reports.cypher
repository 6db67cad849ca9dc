// What the happening matcher sees of each record (graph/happenings/attach.py): its type, status,
// time, direct participants (not those taking part through a representative), place, sources and
// the data sets of its own claims (a GDELT mention is counted apart), and its current happening and keys.
// :param ids => ['ev:2025-08-12-kim-putin-call']
UNWIND $ids AS id
MATCH (e:Event {id: id})
CALL (e) {
  MATCH (a:Actor)-[r:PARTICIPATED_IN]->(e) WHERE r.through IS NULL
  RETURN collect({id: a.id, kind: a.kind, country: a.country, role: r.role,
                  represents: r.represents}) AS actors
}
CALL (e) {
  MATCH (e)-[:SUPPORTED_BY]->(c:Claim)-[:PUBLISHED_IN]->(s:Source)
  RETURN collect(DISTINCT s.id) AS sources, collect(DISTINCT s.publisher) AS publishers,
         collect(DISTINCT CASE WHEN c.mention IS NULL THEN c.dataset END) AS datasets,
         count(DISTINCT CASE WHEN c.mention THEN c END) AS mentions
}
OPTIONAL MATCH (e)-[:TOOK_PLACE_IN]->(p:Place)
RETURN e.id AS id, e.type AS type, e.cameo AS cameo, e.status AS status,
       e.time_precision AS precision, e.valid_from AS earliest,
       coalesce(e.valid_to, e.valid_from) AS latest, e.first_reported AS first_reported,
       e.quantity_what AS quantity_what, e.quantity_value AS quantity_value,
       e.happening AS happening, e.happening_keys AS keys, actors, sources, publishers, datasets, mentions,
       CASE WHEN p IS NULL THEN null
            ELSE {id: p.id, country: p.country, latitude: p.latitude, longitude: p.longitude,
                  kind: p.kind, name: p.name} END AS place
