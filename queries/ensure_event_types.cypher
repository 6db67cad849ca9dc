// The event-type nodes a batch's events link to, created if missing (a graph emptied while a writer
// runs loses them with everything else), with the vocabulary's properties; existing ones are left
// as they are (no lock taken on them). The schema step keeps them up to date.
// :param rows => [{id: 'telephone_call', properties: {label: 'Discuss by telephone', cameo: '041'}}]
UNWIND $rows AS row
MERGE (t:EventType {id: row.id})
  ON CREATE SET t += row.properties
