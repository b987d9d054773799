-- An actor's aliases as one text, for the search indexes over them: array_to_string is only STABLE, and an index
-- expression must be IMMUTABLE. Joining text with text does not depend on any setting, so the promise holds.
CREATE FUNCTION aliases_text(aliases text[]) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT array_to_string(aliases, ' ') $$;
