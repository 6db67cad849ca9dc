// The graph's constraints and indexes; every statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_type_id IF NOT EXISTS FOR (n:EventType) REQUIRE n.id IS UNIQUE;
CREATE INDEX event_valid_from IF NOT EXISTS FOR (n:Event) ON (n.valid_from);
CREATE INDEX event_valid_to IF NOT EXISTS FOR (n:Event) ON (n.valid_to);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX event_recorded_at IF NOT EXISTS FOR (n:Event) ON (n.recorded_at);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX actor_wikidata IF NOT EXISTS FOR (n:Actor) ON (n.wikidata);
CREATE INDEX source_published IF NOT EXISTS FOR (n:Source) ON (n.published);
CREATE INDEX claim_relationship IF NOT EXISTS FOR (n:Claim) ON (n.relationship_id);
CREATE INDEX interaction_event IF NOT EXISTS FOR ()-[r:INTERACTED_WITH]-() ON (r.event_id);
CREATE INDEX interaction_valid_from IF NOT EXISTS FOR ()-[r:INTERACTED_WITH]-() ON (r.valid_from);
CREATE FULLTEXT INDEX names IF NOT EXISTS FOR (n:Actor|Place) ON EACH [n.search_text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
