-- Custom: drizzle-kit makes tables, not triggers. Each commit, as it is numbered, notifies the channel
-- whosaid_commits with its sequence, so that a process serving subscriptions learns of it (LISTEN) and reads the
-- change feed on from where it was. Postgres delivers the notification only once the transaction has committed, and
-- may fold several into one: the payload is only a wake-up, the feed itself says what changed.
CREATE FUNCTION notify_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('whosaid_commits', NEW.sequence::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER commits_notify AFTER INSERT ON commits FOR EACH ROW EXECUTE FUNCTION notify_commit();
