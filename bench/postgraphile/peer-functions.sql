-- What PostGraphile needs beside whosaid's tables to ask the benchmark's questions, kept in a schema of its own so
-- that whosaid's tables, indexes and migrations stay as they are. Idempotent: run before every start.
CREATE SCHEMA IF NOT EXISTS postgraphile_peer;

-- An actor's claims are paged through claim_speakers (mix.ts); the computed column that read them from claims is gone.
DROP FUNCTION IF EXISTS postgraphile_peer.actors_claims(public.actors);

-- Query.searchClaims: PostGraphile has no full-text search of its own. Asks what whosaid's search asks of claims:
-- the latest 1,000 unretracted matches of the stored search_document (claims_search_idx, or claims_placed_idx for a
-- common word), best match first.
CREATE OR REPLACE FUNCTION postgraphile_peer.search_claims(query text) RETURNS SETOF public.claims
LANGUAGE sql STABLE AS $$
  SELECT c.* FROM (
    SELECT * FROM public.claims
    WHERE search_document @@ websearch_to_tsquery('english', query)
      AND querytree(websearch_to_tsquery('english', query)) <> 'T'
      AND retracted_at IS NULL
    ORDER BY placed_start DESC, placed_end DESC, id DESC
    LIMIT 1000
  ) c
  ORDER BY ts_rank(c.search_document, websearch_to_tsquery('english', query)) DESC, c.id
$$;
COMMENT ON FUNCTION postgraphile_peer.search_claims(text) IS E'@name search_claims\nUnretracted claims matching a web-search query, best match first.';

-- Mutation.recordClaim: a claim needs its speaker in the same transaction (the deferred claims_have_speakers
-- trigger), and one GraphQL document cannot pass the id createClaim returns on to createClaimSpeaker, so the three
-- inserts are one function. The audit trail triggers fire as for any write. Unlike whosaid's recordClaim it does not
-- rewrite the speaker's positions, resolve slugs, validate or normalise its input, or take an idempotency key.
CREATE OR REPLACE FUNCTION postgraphile_peer.record_claim(
  key text, text text, mode public.claim_mode, medium public.medium, source_id integer, said_on date,
  speaker_id integer, proposition_id integer, stance public.stance
) RETURNS public.claims
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  recorded public.claims;
BEGIN
  INSERT INTO public.claims (key, text, mode, medium, source_id, said_start, said_precision, said_approximate, placed_start, placed_end)
  VALUES (record_claim.key, record_claim.text, record_claim.mode, record_claim.medium, record_claim.source_id,
    record_claim.said_on, 'DAY', false, record_claim.said_on, record_claim.said_on)
  RETURNING * INTO recorded;
  INSERT INTO public.claim_speakers (claim_id, actor_id, position, placed_start, placed_end)
  VALUES (recorded.id, record_claim.speaker_id, 0, recorded.placed_start, recorded.placed_end);
  INSERT INTO public.claim_stances (claim_id, proposition_id, stance) VALUES (recorded.id, record_claim.proposition_id, record_claim.stance);
  RETURN recorded;
END
$$;
COMMENT ON FUNCTION postgraphile_peer.record_claim(text, text, public.claim_mode, public.medium, integer, date, integer, integer, public.stance)
  IS E'@name record_claim\nRecords a claim with its speaker and its stance on a proposition.';
