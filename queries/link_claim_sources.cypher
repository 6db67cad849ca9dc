// Each new claim is published in its source, and captioned by its publisher for the Browser
// (merge_sources keeps the caption when a source changes): the last pass of a batch, so that
// source nodes, shared by many writers, are locked last and in id order.
// :param rows => [{id: 'claim:x', source: 'src:seed'}]
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
MATCH (s:Source {id: row.source})
CREATE (c)-[:PUBLISHED_IN]->(s)
SET c.caption = s.publisher
