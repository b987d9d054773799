-- Search picks between the GIN index and the recency index by how common the words are, which the planner reads
-- from the statistics of the new search_document columns: gather them now rather than at autovacuum's leisure.
ANALYZE "actors", "claims", "events", "propositions", "sources";
