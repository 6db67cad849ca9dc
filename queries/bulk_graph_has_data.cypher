// Whether the database holds anything besides the event-type vocabulary: `geokg import bulk`
// loads an empty database only.
RETURN EXISTS { MATCH (n) WHERE NOT n:EventType } AS has_data
