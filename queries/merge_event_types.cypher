// Create or update the event-type vocabulary nodes (one per entry of graph/event_types.toml).
// :param rows => [{id: 'telephone_call', properties: {label: 'Discuss by telephone', cameo: '041'}}]
UNWIND $rows AS row
MERGE (t:EventType {id: row.id})
SET t += row.properties
RETURN count(t) AS event_types
