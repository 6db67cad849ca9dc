// Write happenings whole (graph/happenings/attach.py): the node's properties, its members'
// REPORTS relationships (each with the rule and score that put the record there) and the
// denormalised Event.happening, and an alias node for each id it superseded. An alias never
// shadows a happening of the same id.
// :param rows => [{id: 'hap_x', properties: {records: 1}, members: [{record: 'ev:x', rule: 'lone', score: 1.0}], aliases: []}]
UNWIND $rows AS row
MERGE (h:Happening {id: row.id})
SET h = row.properties, h.id = row.id
WITH h, row
CALL (h) {
  MATCH ()-[old:REPORTS]->(h)
  DELETE old
}
CALL (h, row) {
  UNWIND row.members AS member
  MATCH (e:Event {id: member.record})
  CREATE (e)-[:REPORTS {rule: member.rule, score: member.score}]->(h)
  SET e.happening = h.id
}
CALL (h) {
  MATCH (shadow:HappeningAlias {id: h.id})
  DETACH DELETE shadow
}
CALL (h, row) {
  UNWIND row.aliases AS alias
  MERGE (a:HappeningAlias {id: alias})
  WITH a, h
  CALL (a) {
    MATCH (a)-[old:ALIAS_OF]->()
    DELETE old
  }
  CREATE (a)-[:ALIAS_OF]->(h)
}
