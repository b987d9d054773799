-- What PostGraphile needs beside whosaid's tables to ask the benchmark's questions, kept in a schema of its own so
-- that whosaid's tables, indexes and migrations stay as they are. Idempotent: run before every start.
CREATE SCHEMA IF NOT EXISTS postgraphile_peer;

-- An actor's claims are paged through claim_speakers (mix.ts); the computed column that read them from claims is gone.
DROP FUNCTION IF EXISTS postgraphile_peer.actors_claims(public.actors);

-- Query.searchClaims: PostGraphile has no full-text search of its own. Asks what whosaid's search asks of claims:
-- the latest 500 unretracted matches of the stored search_document (claims_search_idx, or claims_placed_idx for a
-- common word), best match first.
CREATE OR REPLACE FUNCTION postgraphile_peer.search_claims(query text) RETURNS SETOF public.claims
LANGUAGE sql STABLE AS $$
  SELECT c.* FROM (
    SELECT * FROM public.claims
    WHERE search_document @@ websearch_to_tsquery('english', query)
      AND querytree(websearch_to_tsquery('english', query)) <> 'T'
      AND retracted_at IS NULL
    ORDER BY placed_start DESC, placed_end DESC, id DESC
    LIMIT 500
  ) c
  ORDER BY ts_rank(c.search_document, websearch_to_tsquery('english', query)) DESC, c.id
$$;
COMMENT ON FUNCTION postgraphile_peer.search_claims(text) IS E'@name search_claims\nUnretracted claims matching a web-search query, best match first.';

-- Mutation.recordClaim: a claim needs its speaker in the same transaction (the deferred claims_have_speakers
-- trigger), and one GraphQL document cannot pass the id createClaim returns on to createClaimSpeaker, so the four
-- inserts (the claim, its speaker, its stance, and its report from its source, published and placed as whosaid's
-- import places it) are one function. The audit trail triggers fire as for any write. Unlike whosaid's recordClaim it does not
-- rewrite the speaker's positions, resolve slugs, validate or normalise its input, or take an idempotency key; it
-- tells whosaid's triggers so (whosaid.positions), which then record no positions for whosaid to rewrite.
CREATE OR REPLACE FUNCTION postgraphile_peer.record_claim(
  key text, text text, mode public.claim_mode, medium public.medium, source_id integer, said_on date,
  speaker_id integer, proposition_id integer, stance public.stance
) RETURNS public.claims
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  recorded public.claims;
BEGIN
  PERFORM set_config('whosaid.positions', 'not kept', true);
  INSERT INTO public.claims (key, text, mode, medium, source_id, said_start, said_precision, said_approximate, placed_start, placed_end)
  VALUES (record_claim.key, record_claim.text, record_claim.mode, record_claim.medium, record_claim.source_id,
    record_claim.said_on, 'DAY', false, record_claim.said_on, record_claim.said_on)
  RETURNING * INTO recorded;
  INSERT INTO public.claim_speakers (claim_id, actor_id, position, placed_start, placed_end)
  VALUES (recorded.id, record_claim.speaker_id, 0, recorded.placed_start, recorded.placed_end);
  INSERT INTO public.claim_stances (claim_id, proposition_id, stance) VALUES (recorded.id, record_claim.proposition_id, record_claim.stance);
  INSERT INTO public.claim_reports (claim_id, source_id, text, mode, published_start, published_precision,
    published_approximate, published_text, placed_start, placed_end)
  SELECT recorded.id, s.id, recorded.text, recorded.mode, s.published_start, s.published_precision,
    s.published_approximate, s.published_text, coalesce(s.published_start, recorded.placed_start),
    coalesce(s.published_end, recorded.placed_end)
  FROM public.sources s WHERE s.id = recorded.source_id;
  RETURN recorded;
END
$$;
COMMENT ON FUNCTION postgraphile_peer.record_claim(text, text, public.claim_mode, public.medium, integer, date, integer, integer, public.stance)
  IS E'@name record_claim\nRecords a claim with its speaker, its stance on a proposition and its report from its source.';

-- Query.timeline: whosaid's timeline, claims and events in one order, paged by keyset. A view of the union would be
-- sorted whole for every page (Postgres does not merge the two (start, end, id) indexes under a union), so this
-- function takes the last entry's keys and the page size and, as whosaid's SQL does, orders and limits each kind on
-- its own index before the union sorts at most page_size + 1 rows of each. An event sorts before a claim on the same
-- dates (kind 0, then 1). The first page's keys are -infinity: no OR on a NULL cursor keeps the indexes out. Plain
-- LANGUAGE sql, STABLE, not STRICT, so that Postgres inlines it and the keys reach the two indexes as index conditions.
DROP FUNCTION IF EXISTS postgraphile_peer.timeline(date, date, integer, integer, integer);
DROP TYPE IF EXISTS postgraphile_peer.timeline_entry;
CREATE TYPE postgraphile_peer.timeline_entry AS (placed_start date, placed_end date, kind integer, id integer, claim_id integer, event_id integer);
COMMENT ON TYPE postgraphile_peer.timeline_entry IS E'@name timeline_entry\n@foreignKey (claim_id) references public.claims (id)\n@foreignKey (event_id) references public.events (id)\nA claim or an event in its place on the timeline.';

CREATE FUNCTION postgraphile_peer.timeline(
  after_start date, after_end date, after_kind integer, after_id integer, page_size integer
) RETURNS SETOF postgraphile_peer.timeline_entry
LANGUAGE sql STABLE AS $$
  SELECT entries.start_on, entries.end_on, entries.kind, entries.id,
    CASE WHEN entries.kind = 1 THEN entries.id END, CASE WHEN entries.kind = 0 THEN entries.id END
  FROM (
    (SELECT occurred_start AS start_on, occurred_end AS end_on, 0 AS kind, id FROM public.events
      WHERE occurred_start IS NOT NULL
        AND (occurred_start, occurred_end, id) > (after_start, after_end, CASE WHEN after_kind = 0 THEN after_id ELSE 2147483647 END)
      ORDER BY occurred_start, occurred_end, id LIMIT page_size + 1)
    UNION ALL
    (SELECT placed_start, placed_end, 1, id FROM public.claims
      WHERE retracted_at IS NULL
        AND (placed_start, placed_end, id) > (after_start, after_end, CASE WHEN after_kind = 1 THEN after_id ELSE 0 END)
      ORDER BY placed_start, placed_end, id LIMIT page_size + 1)
  ) entries
  ORDER BY entries.start_on, entries.end_on, entries.kind, entries.id
  LIMIT page_size + 1
$$;
COMMENT ON FUNCTION postgraphile_peer.timeline(date, date, integer, integer, integer)
  IS E'@name timeline\nClaims and events in date order, after the given entry''s keys (-infinity for the first page).';
