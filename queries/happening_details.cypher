// A happening by its id or by an id it superseded (an alias), with its members: each record's
// data set, sources, day, type and status, and the rule and score that put it there; and the
// participants and places its members name.
// :param id => 'hap_0123456789abcdef'
OPTIONAL MATCH (direct:Happening {id: $id})
OPTIONAL MATCH (:HappeningAlias {id: $id})-[:ALIAS_OF]->(aliased:Happening)
WITH coalesce(direct, aliased) AS h
WHERE h IS NOT NULL
CALL (h) {
  MATCH (e:Event)-[r:REPORTS]->(h)
  CALL (e) {
    MATCH (e)-[:SUPPORTED_BY]->(c:Claim)-[:PUBLISHED_IN]->(s:Source)
    WITH c, s ORDER BY s.id
    RETURN collect(DISTINCT CASE WHEN c.mention IS NULL THEN c.dataset END) AS datasets,
           collect(DISTINCT s {.id, .publisher, .url, .published}) AS sources
  }
  WITH e, r, datasets, sources ORDER BY e.id
  RETURN collect({id: e.id, datasets: datasets, sources: sources, time_start: e.time_start,
                  valid_from: e.valid_from, time_precision: e.time_precision, type: e.type,
                  cameo: e.cameo, status: e.status, title: e.title, rule: r.rule,
                  score: r.score}) AS members
}
CALL (h) {
  MATCH (a:Actor)-[p:PARTICIPATED_IN]->(:Event)-[:REPORTS]->(h)
  WITH DISTINCT a, p.role AS role ORDER BY a.id, role
  RETURN collect({actor: a {.id, .name, .kind, .country}, role: role}) AS participants
}
CALL (h) {
  MATCH (place:Place)<-[:TOOK_PLACE_IN]-(:Event)-[:REPORTS]->(h)
  WITH DISTINCT place ORDER BY place.id
  RETURN collect(place {.id, .name, .kind, .country, .latitude, .longitude}) AS places
}
RETURN h {.*} AS happening, members, participants, places
