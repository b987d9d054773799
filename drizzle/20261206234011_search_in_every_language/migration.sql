-- Custom because drizzle-kit does not generate functions. Search reads a query in every language it has a text
-- search configuration for, since a query's language is not known; most readings of a word are the same, and a
-- tsquery that repeats them costs the GIN index a scan of each copy. This reads the query in each configuration and
-- keeps each distinct reading once. Immutable, as the websearch_to_tsquery it calls is: on constant arguments the
-- planner evaluates it once, and reads from the statistics how common the words are. In PL/pgSQL, whose statement
-- plans a session keeps: the planner calls it for each place a search statement names it.
CREATE FUNCTION websearch_to_tsquery_in_any(configs regconfig[], query text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN (
    SELECT coalesce(string_agg(DISTINCT '(' || reading::text || ')', ' | '), '')::tsquery
    FROM unnest(configs) AS config, websearch_to_tsquery(config, query) AS reading
    WHERE numnode(reading) > 0);
END
$$;
