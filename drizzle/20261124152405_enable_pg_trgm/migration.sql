-- Trigram matching for name search; PGlite loads it from its contrib, Neon and Debian ship it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
