-- The audit trail and version numbers, kept by the database so that no write path can skip them.
-- Who made a change comes from the transaction-local setting whosaid.changed_by (the API key's name).

-- A row's version goes up by one, and updated_at moves, only when something in it really changed. Generated
-- columns are left out of the comparison: a BEFORE trigger sees them as null in NEW.
CREATE FUNCTION keep_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ignored text[] := ARRAY['version', 'updated_at']
    || ARRAY(SELECT attname::text FROM pg_attribute WHERE attrelid = TG_RELID AND attgenerated <> '');
BEGIN
  IF (to_jsonb(NEW) - ignored) IS DISTINCT FROM (to_jsonb(OLD) - ignored) THEN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
  ELSE
    NEW.version := OLD.version;
    NEW.updated_at := OLD.updated_at;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- TG_ARGV: the entity the row belongs to, and the column holding that entity's id.
CREATE FUNCTION record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_before jsonb := to_jsonb(OLD);
  row_after jsonb := to_jsonb(NEW);
BEGIN
  IF TG_OP = 'UPDATE' AND row_before = row_after THEN
    RETURN NULL;
  END IF;
  INSERT INTO revisions (entity_type, entity_id, table_name, action, changed_by, before, after)
  VALUES (TG_ARGV[0], (coalesce(row_after, row_before) ->> TG_ARGV[1])::integer, TG_TABLE_NAME, TG_OP,
          coalesce(nullif(current_setting('whosaid.changed_by', true), ''), 'system'), row_before, row_after);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER actors_version BEFORE UPDATE ON actors FOR EACH ROW EXECUTE FUNCTION keep_version();
--> statement-breakpoint
CREATE TRIGGER sources_version BEFORE UPDATE ON sources FOR EACH ROW EXECUTE FUNCTION keep_version();
--> statement-breakpoint
CREATE TRIGGER propositions_version BEFORE UPDATE ON propositions FOR EACH ROW EXECUTE FUNCTION keep_version();
--> statement-breakpoint
CREATE TRIGGER events_version BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION keep_version();
--> statement-breakpoint
CREATE TRIGGER claims_version BEFORE UPDATE ON claims FOR EACH ROW EXECUTE FUNCTION keep_version();
--> statement-breakpoint
CREATE TRIGGER actors_revisions AFTER INSERT OR UPDATE OR DELETE ON actors
  FOR EACH ROW EXECUTE FUNCTION record_revision('Actor', 'id');
--> statement-breakpoint
CREATE TRIGGER actor_roles_revisions AFTER INSERT OR UPDATE OR DELETE ON actor_roles
  FOR EACH ROW EXECUTE FUNCTION record_revision('Actor', 'actor_id');
--> statement-breakpoint
CREATE TRIGGER sources_revisions AFTER INSERT OR UPDATE OR DELETE ON sources
  FOR EACH ROW EXECUTE FUNCTION record_revision('Source', 'id');
--> statement-breakpoint
CREATE TRIGGER source_authors_revisions AFTER INSERT OR UPDATE OR DELETE ON source_authors
  FOR EACH ROW EXECUTE FUNCTION record_revision('Source', 'source_id');
--> statement-breakpoint
CREATE TRIGGER propositions_revisions AFTER INSERT OR UPDATE OR DELETE ON propositions
  FOR EACH ROW EXECUTE FUNCTION record_revision('Proposition', 'id');
--> statement-breakpoint
CREATE TRIGGER events_revisions AFTER INSERT OR UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION record_revision('Event', 'id');
--> statement-breakpoint
CREATE TRIGGER event_participants_revisions AFTER INSERT OR UPDATE OR DELETE ON event_participants
  FOR EACH ROW EXECUTE FUNCTION record_revision('Event', 'event_id');
--> statement-breakpoint
CREATE TRIGGER claims_revisions AFTER INSERT OR UPDATE OR DELETE ON claims
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'id');
--> statement-breakpoint
CREATE TRIGGER claim_speakers_revisions AFTER INSERT OR UPDATE OR DELETE ON claim_speakers
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'claim_id');
--> statement-breakpoint
CREATE TRIGGER claim_stances_revisions AFTER INSERT OR UPDATE OR DELETE ON claim_stances
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'claim_id');
--> statement-breakpoint
CREATE TRIGGER claim_events_revisions AFTER INSERT OR UPDATE OR DELETE ON claim_events
  FOR EACH ROW EXECUTE FUNCTION record_revision('Claim', 'claim_id');
