// Databases made by versions before event captions: give each event that lacks one its caption,
// its date and its type's label ("2025-08-12 · Express intent to cooperate", as
// graph/store/codec.py's event_caption writes it), in transactions of 10,000. Run by apply_schema
// (`geokg schema`, every load, `geokg serve`) before the event_caption index is created; a no-op
// once done. Needs an auto-commit transaction (`:auto` in the Browser).
MATCH (e:Event)-[:OF_TYPE]->(t:EventType)
WHERE e.caption IS NULL
CALL (e, t) {
  SET e.caption = e.time_start + ' · ' + t.label
} IN TRANSACTIONS OF 10000 ROWS
