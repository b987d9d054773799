-- Custom: drizzle-kit makes tables, not triggers. A transaction is numbered in commits as it commits, under a lock
-- held until it has committed, so that the numbers follow the order in which transactions became visible: a reader
-- that sees a commit sees every commit numbered before it. The revision ids alone follow the order rows were written,
-- and a transaction that wrote first and committed last fell below a reader's cursor and was never read.

-- Every revision written before this migration took its transaction_id from the migration's own transaction (the
-- column's default), so they make one commit, in id order as the feed was, at the time of the latest of them.
INSERT INTO commits (transaction_id, committed_at)
SELECT transaction_id, max(changed_at) FROM revisions GROUP BY transaction_id;
--> statement-breakpoint
-- Fires, deferred, for every revision of a transaction at its commit; the setting makes all but the first cheap.
-- EXCLUSIVE mode lets the feed read commits while another transaction numbers itself, but not a second numbering.
CREATE FUNCTION number_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('whosaid.commit_numbered', true) IS DISTINCT FROM 'yes' THEN
    LOCK TABLE commits IN EXCLUSIVE MODE;
    INSERT INTO commits (transaction_id) VALUES (pg_current_xact_id()) ON CONFLICT (transaction_id) DO NOTHING;
    PERFORM set_config('whosaid.commit_numbered', 'yes', true);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER revisions_commit AFTER INSERT ON revisions DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION number_commit();
--> statement-breakpoint
-- TG_ARGV[2] onwards: columns left out of the revision, for a key's hash, which must not leave the database.
CREATE OR REPLACE FUNCTION record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_before jsonb := to_jsonb(OLD) - coalesce(TG_ARGV[2:], '{}');
  row_after jsonb := to_jsonb(NEW) - coalesce(TG_ARGV[2:], '{}');
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
CREATE TRIGGER api_keys_revisions AFTER INSERT OR UPDATE OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION record_revision('ApiKey', 'id', 'key_hash');
