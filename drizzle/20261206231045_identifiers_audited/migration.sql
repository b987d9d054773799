-- Custom because drizzle-kit does not generate triggers. An identifier added to or taken from an actor, a source or
-- an event is a revision of that entity, as its roles, authors and participants are. Identifier rows are never
-- updated (a change is a removal and an addition), so they keep no version.
CREATE TRIGGER "actor_identifiers_revisions" AFTER INSERT OR UPDATE OR DELETE ON "actor_identifiers"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Actor', 'actor_id');--> statement-breakpoint
CREATE TRIGGER "source_identifiers_revisions" AFTER INSERT OR UPDATE OR DELETE ON "source_identifiers"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Source', 'source_id');--> statement-breakpoint
CREATE TRIGGER "event_identifiers_revisions" AFTER INSERT OR UPDATE OR DELETE ON "event_identifiers"
  FOR EACH ROW EXECUTE FUNCTION record_revision('Event', 'event_id');
