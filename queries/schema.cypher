// The graph's constraints and indexes; every statement is idempotent (IF [NOT] EXISTS).
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_type_id IF NOT EXISTS FOR (n:EventType) REQUIRE n.id IS UNIQUE;
// A standing relationship's id is unique per type: its index finds the relationship, and MERGE
// locks the index entry, so two writers never create one id twice.
CREATE CONSTRAINT ally_of_id IF NOT EXISTS FOR ()-[r:ALLY_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT leads_id IF NOT EXISTS FOR ()-[r:LEADS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT at_war_with_id IF NOT EXISTS FOR ()-[r:AT_WAR_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT partner_of_id IF NOT EXISTS FOR ()-[r:PARTNER_OF]-() REQUIRE r.id IS UNIQUE;
// Read by list_events_by_window (a range on valid_from, in its order) and by series reads.
CREATE INDEX event_valid_from IF NOT EXISTS FOR (n:Event) ON (n.valid_from);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
// Read by the window queries for the spans (month, year, interval) that start before a window
// and reach into it: a day-precision event, most of them, cannot.
CREATE INDEX event_time_precision IF NOT EXISTS FOR (n:Event) ON (n.time_precision);
CREATE INDEX claim_relationship IF NOT EXISTS FOR (n:Claim) ON (n.relationship_id);
CREATE INDEX interaction_event IF NOT EXISTS FOR ()-[r:INTERACTED_WITH]-() ON (r.event_id);
CREATE INDEX interaction_valid_from IF NOT EXISTS FOR ()-[r:INTERACTED_WITH]-() ON (r.valid_from);
CREATE INDEX interaction_time_precision IF NOT EXISTS FOR ()-[r:INTERACTED_WITH]-() ON (r.time_precision);
// Read by the window reads around one actor or pair (actor_counterparts, actor_series,
// dyad_series, dyad_timeline): equality on the actor's id, the precisions listed, a range on
// valid_from, so their work is bounded by the window, not by a dense actor's whole history.
// Databases made before these keys existed are filled in by backfill_seek_keys (apply_schema).
CREATE INDEX interaction_from IF NOT EXISTS FOR ()-[r:INTERACTED_WITH]-() ON (r.from_id, r.time_precision, r.valid_from);
CREATE INDEX interaction_to IF NOT EXISTS FOR ()-[r:INTERACTED_WITH]-() ON (r.to_id, r.time_precision, r.valid_from);
CREATE INDEX participation_actor IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.actor, r.time_precision, r.valid_from);
// Events by what the Browser shows of them (`WHERE e.caption CONTAINS 'ceasefire'`); databases made
// before captions are filled in by backfill_event_captions (apply_schema) before it is created.
CREATE TEXT INDEX event_caption IF NOT EXISTS FOR (n:Event) ON (n.caption);
// Happenings (graph/happenings/): one node per happening, alias nodes for the ids a regrouping
// superseded, and a node per blocking key, which writers lock and whose KEYED relationships carry
// each record's time: Neo4j 5 cannot index the elements of a list (Event.happening_keys), so the
// candidates under a key are found by a seek on the relationship index (key, latest).
CREATE CONSTRAINT happening_id IF NOT EXISTS FOR (n:Happening) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT happening_alias_id IF NOT EXISTS FOR (n:HappeningAlias) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT happening_key IF NOT EXISTS FOR (n:HappeningKey) REQUIRE n.key IS UNIQUE;
CREATE INDEX keyed_key_latest IF NOT EXISTS FOR ()-[r:KEYED]-() ON (r.key, r.latest);
CREATE INDEX happening_start IF NOT EXISTS FOR (n:Happening) ON (n.start);
// Indexes no query reads cost every write: dropped from databases made by earlier versions.
DROP INDEX event_valid_to IF EXISTS;
DROP INDEX event_recorded_at IF EXISTS;
DROP INDEX actor_kind IF EXISTS;
DROP INDEX actor_wikidata IF EXISTS;
DROP INDEX source_published IF EXISTS;
CREATE FULLTEXT INDEX names IF NOT EXISTS FOR (n:Actor|Place) ON EACH [n.search_text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
