-- Positions become one row per claim (the next migration adds columns they cannot do without): empty the table,
-- and the migration after next derives every row again from the claims.
TRUNCATE positions;
